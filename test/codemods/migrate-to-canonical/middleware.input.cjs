const express = require('express');
const { expressjwt } = require('express-jwt');
const passport = require('passport');
const { Strategy, ExtractJwt } = require('passport-jwt');

const app = express();
app.use(expressjwt({ secret: process.env.JWT_SECRET, algorithms: ['HS256'] }));

passport.use(
  new Strategy({ jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(), secretOrKey: process.env.JWT_SECRET }, (payload, done) => done(null, payload)),
);

module.exports = app;
