// jwt-decode v3 from CommonJS: the module itself is the decoder.
const jwt_decode = require('jwt-decode');

function expiresAt(token) {
  return new Date(jwt_decode(token).exp * 1000);
}

module.exports = { expiresAt };
