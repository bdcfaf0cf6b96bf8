import jwt from 'jsonwebtoken';

export function currentUser(token) {
  return jwt.verify(token, process.env.JWT_SECRET);
}

export const issue = (sub, key) => jwt.sign({ sub }, key, { expiresIn: '1h' });
