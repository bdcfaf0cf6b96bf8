// TODO(jwt-ssot): jwt-simple stays imported for the JWT calls marked with follow-ups in this file; drop this import once they go through src/auth/jwt-handler.ts.
const jwt = require('jwt-simple');
const { validateToken, decodeToken } = require('./auth/jwt-handler');

function subject(token) {
  return validateToken(token).sub;
}

function peek(token) {
  return decodeToken(token);
}

function otherAlgorithm(token) {
  // TODO(jwt-ssot): Pins the algorithm RS256 while validateToken pins ['HS256']; decide which is right.
  return jwt.decode(token, process.env.JWT_SECRET, false, 'RS256');
}

function maybeUnverified(token, skip) {
  // TODO(jwt-ssot): jwt-simple `decode` with `skip`, which may turn verification off; rewrite by hand with validateToken.
  return jwt.decode(token, process.env.JWT_SECRET, skip);
}

module.exports = { subject, peek, otherAlgorithm, maybeUnverified };
