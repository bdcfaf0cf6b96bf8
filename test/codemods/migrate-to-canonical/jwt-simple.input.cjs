const jwt = require('jwt-simple');

function subject(token) {
  return jwt.decode(token, process.env.JWT_SECRET, false, 'HS256').sub;
}

function peek(token) {
  return jwt.decode(token, '', true);
}

function otherAlgorithm(token) {
  return jwt.decode(token, process.env.JWT_SECRET, false, 'RS256');
}

function maybeUnverified(token, skip) {
  return jwt.decode(token, process.env.JWT_SECRET, skip);
}

module.exports = { subject, peek, otherAlgorithm, maybeUnverified };
