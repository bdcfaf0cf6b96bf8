export function claims(token) {
  return JSON.parse(atob(token.split('.')[1]));
}

export function claimsFromBuffer(token) {
  return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString());
}
