'use strict';

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
  return sign({ sub: id }, process.env.JWT_SECRET);
}

module.exports = { readUser, login, express };
