'use strict';

// TODO(jwt-ssot): jsonwebtoken is still imported only to sign tokens (`sign`); signing is out of scope of the canonical validator: issue tokens from src/auth/jwt-handler.ts (or a module listed in `allow`) and drop this import.
const { sign } = require('jsonwebtoken');
const { validateToken } = require('./auth/jwt-handler');

function currentUser(token) {
  return validateToken(token);
}

function issue(sub, key) {
  return sign({ sub }, key, { expiresIn: '1h' });
}

function refresh(sub, key) {
  return sign({ sub, refresh: true }, key, { expiresIn: '7d' });
}

module.exports = { currentUser, issue, refresh };
