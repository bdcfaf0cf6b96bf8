'use strict';

// TODO(jwt-ssot): fast-jwt stays imported for the JWT calls marked with follow-ups in this file; drop this import once they go through src/auth/jwt-handler.ts.
const { createDecoder, createVerifier } = require('fast-jwt');
const { validateToken, decodeToken } = require('./auth/jwt-handler');

// TODO(jwt-ssot): fast-jwt verifier factory: once the verifiers it makes are replaced by validateToken, remove it.
const verifyAccess = createVerifier({ key: process.env.JWT_SECRET, algorithms: ['HS256'] });
// TODO(jwt-ssot): fast-jwt verifier factory: once the verifiers it makes are replaced by validateToken, remove it.
const verifyAudience = createVerifier({ key: process.env.JWT_SECRET, allowedAud: 'admin' });
// TODO(jwt-ssot): fast-jwt decoder factory: once the decoders it makes are replaced by decodeToken, remove it.
const decode = createDecoder();

function subject(token) {
  return validateToken(token).sub;
}

function adminSubject(token) {
  // TODO(jwt-ssot): Options allowedAud are not what validateToken enforces; move them into the canonical module or keep this call.
  return verifyAudience(token).sub;
}

function expiry(token) {
  return decodeToken(token).exp;
}

module.exports = { subject, adminSubject, expiry };
