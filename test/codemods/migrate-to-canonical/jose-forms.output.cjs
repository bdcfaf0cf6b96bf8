// jose v4 and v5 also ship CommonJS builds.
// TODO(jwt-ssot): jose stays imported for the JWT calls marked with follow-ups in this file; drop this import once they go through src/auth/jwt-handler.ts.
const { jwtVerify } = require('jose');
const { validateToken, decodeToken } = require('./auth/jwt-handler');

async function subject(token) {
  const result = await validateToken(token);
  return result.sub;
}

function subjectLater(token) {
  return validateToken(token).then((payload) => payload.sub);
}

async function legacy(token) {
  // TODO(jwt-ssot): Verifies with `new TextEncoder().encode(process.env.LEGACY_SECRET)` (env LEGACY_SECRET) while validateToken uses JWT_SECRET; another key, perhaps for another kind of token: give that token its own function in canonical.exports.verify, or keep this call.
  const { payload } = await jwtVerify(token, new TextEncoder().encode(process.env.LEGACY_SECRET));
  return payload;
}

function issuer(token) {
  return decodeToken(token).iss;
}

module.exports = { subject, subjectLater, legacy, issuer };
