'use strict';

// TODO(jwt-ssot): jsonwebtoken is still imported only to sign tokens (`sign`); signing is out of scope of the canonical validator: issue tokens from src/auth/jwt-handler.ts (or a module listed in `allow`) and drop this import.
const { sign } = require('jsonwebtoken');
const express = require('express');
const { validateToken, decodeToken } = require('./auth/jwt-handler');

function readUser(req) {
  const token = req.get('authorization').slice(7);
  const user = validateToken(token);
  const header = decodeToken(token);
  return { user, header };
}

function login(id) {
  // TODO(jwt-ssot): Reads the JWT secret JWT_SECRET outside the canonical module: get the key (or what it is for) from src/auth/jwt-handler.ts, or list this file in `allow`.
  return sign({ sub: id }, process.env.JWT_SECRET);
}

module.exports = { readUser, login, express };
