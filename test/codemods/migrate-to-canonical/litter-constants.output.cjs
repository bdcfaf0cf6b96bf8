'use strict';

const { validateToken } = require('./auth/jwt-handler');

function user(token) {
  return validateToken(token);
}

function session(token) {
  return validateToken(token);
}

module.exports = { user, session };
