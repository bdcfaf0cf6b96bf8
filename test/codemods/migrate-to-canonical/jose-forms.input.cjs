// jose v4 and v5 also ship CommonJS builds.
const { decodeJwt, jwtVerify } = require('jose');

async function subject(token) {
  const result = await jwtVerify(token, new TextEncoder().encode(process.env.JWT_SECRET));
  return result.payload.sub;
}

function subjectLater(token) {
  return jwtVerify(token, new TextEncoder().encode(process.env.JWT_SECRET)).then(({ payload }) => payload.sub);
}

async function legacy(token) {
  const { payload } = await jwtVerify(token, new TextEncoder().encode(process.env.LEGACY_SECRET));
  return payload;
}

function issuer(token) {
  return decodeJwt(token).iss;
}

module.exports = { subject, subjectLater, legacy, issuer };
