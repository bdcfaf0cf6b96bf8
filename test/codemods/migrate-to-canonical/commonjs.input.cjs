'use strict';

const { verify, decode, sign } = require('jsonwebtoken');
const express = require('express');

function readUser(req) {
  const token = req.get('authorization').slice(7);
  const user = verify(token, process.env.JWT_SECRET);
  const header = decode(token);
  return { user, header };
}

function login(id) {
  return sign({ sub: id }, process.env.JWT_SECRET);
}

module.exports = { readUser, login, express };
