'use strict';

const { verify, sign } = require('jsonwebtoken');

function currentUser(token) {
  return verify(token, process.env.JWT_SECRET);
}

function issue(sub, key) {
  return sign({ sub }, key, { expiresIn: '1h' });
}

function refresh(sub, key) {
  return sign({ sub, refresh: true }, key, { expiresIn: '7d' });
}

module.exports = { currentUser, issue, refresh };
