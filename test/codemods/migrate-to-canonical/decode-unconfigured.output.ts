// TODO(jwt-ssot): jose stays imported for the JWT calls marked with follow-ups in this file; drop this import once they go through src/auth/jwt-handler.ts.
import { decodeJwt } from 'jose';

export function audience(token: string) {
  // TODO(jwt-ssot): No canonical decode is configured (settings['jwt-ssot'].canonical.exports.decode); verify with validateToken or add a decode export.
  return decodeJwt(token).aud;
}

export function parse(token: string) {
  // TODO(jwt-ssot): No canonical decode is configured (settings['jwt-ssot'].canonical.exports.decode); verify with validateToken or add a decode export.
  return JSON.parse(atob(token.split('.')[1]!));
}
