import jwt from 'jwt-simple';

export function subject(token) {
  return jwt.decode(token, process.env.JWT_SECRET, false, 'HS256').sub;
}

export function peek(token) {
  return jwt.decode(token, '', true);
}

export function otherAlgorithm(token) {
  return jwt.decode(token, process.env.JWT_SECRET, false, 'HS512');
}
