'use strict';

const jwt = require('jsonwebtoken');

const secret = process.env.JWT_SECRET || ''; // read once at start-up

function user(token) {
  return jwt.verify(token, secret);
}

function session(token) {
  const perRequest = new TextEncoder().encode(process.env.JWT_SECRET);
  return jwt.verify(token, perRequest);
}

module.exports = { user, session };
