// TODO(jwt-ssot): jsonwebtoken stays imported for the JWT calls marked with follow-ups in this file; drop this import once they go through multi-ts/src/auth/tokens.ts.
const jwt = require('jsonwebtoken');
const { validateAccessToken, validateRefreshToken } = require('@/auth/tokens');

function refresh(token) {
  return validateRefreshToken(token);
}

function bearer(token) {
  return validateAccessToken(token);
}

function confirmEmail(token) {
  // TODO(jwt-ssot): validateEmailToken is async but this caller is not; make the caller async, then await validateEmailToken.
  return jwt.verify(token, process.env.EMAIL_SECRET);
}

module.exports = { refresh, bearer, confirmEmail };
