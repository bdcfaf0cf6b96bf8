const { decodeToken } = require('./auth/jwt-handler');

function claims(token) {
  return decodeToken(token);
}

module.exports = { claims };
