const express = require('express');
const { expressjwt } = require('express-jwt');
const passport = require('passport');
const { Strategy, ExtractJwt } = require('passport-jwt');

const app = express();
// TODO(jwt-ssot): express-jwt middleware: replace it with a middleware that calls validateToken and sets req.auth.
app.use(expressjwt({ secret: process.env.JWT_SECRET, algorithms: ['HS256'] }));

// TODO(jwt-ssot): passport-jwt strategy: make its verify callback call validateToken, or replace the strategy with one that does.
passport.use(
  new Strategy({ jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(), secretOrKey: process.env.JWT_SECRET }, (payload, done) => done(null, payload)),
);

module.exports = app;
