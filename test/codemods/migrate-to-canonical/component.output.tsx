import React from 'react';
// TODO(jwt-ssot): jwt-decode stays imported for the JWT calls marked with follow-ups in this file; drop this import once they go through src/auth/jwt-handler.ts.
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
