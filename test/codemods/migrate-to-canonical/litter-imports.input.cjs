'use strict';

const jwt = require('jsonwebtoken');
const { JWT_SECRET, PORT } = require('./litter-env.cjs'); // read once
const env = require('./litter-env.cjs');
require('./litter-env.cjs');

const key = env.JWT_SECRET;

function user(token) {
  return jwt.verify(token, JWT_SECRET);
}

function admin(token) {
  return jwt.verify(token, key);
}

module.exports = { user, admin, PORT };
