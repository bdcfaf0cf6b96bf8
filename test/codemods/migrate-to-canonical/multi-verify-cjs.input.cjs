const jwt = require('jsonwebtoken');

function refresh(token) {
  return jwt.verify(token, process.env.JWT_REFRESH_SECRET);
}

function bearer(token) {
  return jwt.verify(token, process.env.JWT_SECRET);
}

function confirmEmail(token) {
  return jwt.verify(token, process.env.EMAIL_SECRET);
}

module.exports = { refresh, bearer, confirmEmail };
