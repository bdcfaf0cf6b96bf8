const express = require('express');
// TODO(jwt-ssot): express-jwt stays imported for the JWT calls marked with follow-ups in this file; drop this import once they go through src/auth/jwt-handler.ts.
const { expressjwt } = require('express-jwt');
const passport = require('passport');
// TODO(jwt-ssot): passport-jwt stays imported for the JWT calls marked with follow-ups in this file; drop this import once they go through src/auth/jwt-handler.ts.
const { Strategy, ExtractJwt } = require('passport-jwt');

const app = express();
// TODO(jwt-ssot): express-jwt middleware: replace it with a middleware that calls validateToken and sets req.auth.
app.use(expressjwt({ secret: process.env.JWT_SECRET, algorithms: ['HS256'] }));

// TODO(jwt-ssot): passport-jwt strategy: make its verify callback call validateToken, or replace the strategy with one that does.
passport.use(
  new Strategy({ jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(), secretOrKey: process.env.JWT_SECRET }, (payload, done) => done(null, payload)),
);

module.exports = app;
