import { createDecoder, createVerifier } from 'fast-jwt';

const verifyAccess = createVerifier({ key: process.env.JWT_SECRET, algorithms: ['HS256'] });
const verifyLegacy = createVerifier({ key: process.env.LEGACY_SECRET, algorithms: ['HS256'] });
const decodeComplete = createDecoder({ complete: true });

export function subject(token: string) {
  return verifyAccess(token).sub;
}

export function legacySubject(token: string) {
  return verifyLegacy(token).sub;
}

export function peek(token: string) {
  return createDecoder()(token);
}

export function header(token: string) {
  return decodeComplete(token).header;
}

const verifyWithCallback = createVerifier({ key: async () => process.env.JWT_SECRET!, algorithms: ['HS256'] });

export async function subjectFromCallbackKey(token: string) {
  return (await verifyWithCallback(token)).sub;
}
