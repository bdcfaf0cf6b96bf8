import jwt from 'jsonwebtoken';

export function user(token) {
  return jwt.verify(token, process.env.JWT_SECRET, { algorithms: ['HS256'] });
}

export function peek(token) {
  return jwt.decode(token);
}

export function admin(token) {
  return jwt.verify(token, process.env.JWT_SECRET, { audience: 'admin' });
}
