'use strict';

const { createDecoder, createVerifier } = require('fast-jwt');

const verifyAccess = createVerifier({ key: process.env.JWT_SECRET, algorithms: ['HS256'] });
const verifyAudience = createVerifier({ key: process.env.JWT_SECRET, allowedAud: 'admin' });
const decode = createDecoder();

function subject(token) {
  return verifyAccess(token).sub;
}

function adminSubject(token) {
  return verifyAudience(token).sub;
}

function expiry(token) {
  return decode(token).exp;
}

module.exports = { subject, adminSubject, expiry };
