import React from 'react';
import { jwtDecode } from 'jwt-decode';

export function Avatar({ token }: { token: string }) {
  const name = jwtDecode<{ name: string }>(token).name;
  return <span title={name}>{jwtDecode<{ sub: string }>(token).sub}</span>;
}

export function Debug({ token }: { token: string }) {
  return <pre>{JSON.stringify(jwtDecode(token, { header: true }))}</pre>;
}
