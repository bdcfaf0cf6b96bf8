// jwt-decode v4 from CommonJS: a named export, jwtDecode.
// TODO(jwt-ssot): jwt-decode stays imported for the JWT calls marked with follow-ups in this file; drop this import once they go through src/auth/jwt-handler.ts.
const { jwtDecode } = require('jwt-decode');
const { decodeToken } = require('./auth/jwt-handler');

function expiresAt(token) {
  return new Date(decodeToken(token).exp * 1000);
}

function header(token) {
  // TODO(jwt-ssot): jwt-decode `jwtDecode` with options ({ header: true }) that decodeToken cannot express; rewrite by hand.
  return jwtDecode(token, { header: true });
}

module.exports = { expiresAt, header };
