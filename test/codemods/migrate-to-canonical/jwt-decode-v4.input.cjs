// jwt-decode v4 from CommonJS: a named export, jwtDecode.
const { jwtDecode } = require('jwt-decode');

function expiresAt(token) {
  return new Date(jwtDecode(token).exp * 1000);
}

function header(token) {
  return jwtDecode(token, { header: true });
}

module.exports = { expiresAt, header };
