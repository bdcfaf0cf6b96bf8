import React from 'react';
import { jwtDecode } from 'jwt-decode';
import { decodeToken } from './auth/jwt-handler';

export function Avatar({ token }: { token: string }) {
  const name = (decodeToken(token) as { name: string }).name;
  return <span title={name}>{(decodeToken(token) as { sub: string }).sub}</span>;
}

export function Debug({ token }: { token: string }) {
  // TODO(jwt-ssot): jwt-decode `jwtDecode` with options ({ header: true }) that decodeToken cannot express; rewrite by hand.
  return <pre>{JSON.stringify(jwtDecode(token, { header: true }))}</pre>;
}
