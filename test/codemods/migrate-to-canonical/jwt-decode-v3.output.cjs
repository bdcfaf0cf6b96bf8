// jwt-decode v3 from CommonJS: the module itself is the decoder.
const { decodeToken } = require('./auth/jwt-handler');

function expiresAt(token) {
  return new Date(decodeToken(token).exp * 1000);
}

module.exports = { expiresAt };
