'use strict';

const { PORT } = require('./litter-env.cjs'); // read once
const { validateToken } = require('./auth/jwt-handler');
require('./litter-env.cjs');

function user(token) {
  return validateToken(token);
}

function admin(token) {
  return validateToken(token);
}

module.exports = { user, admin, PORT };
