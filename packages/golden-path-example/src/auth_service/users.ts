/** A fixed in-memory user store: the example is about tokens, not about password storage. */
import { createHash, timingSafeEqual } from 'node:crypto';

export interface User {
  readonly id: string;
  readonly name: string;
}

const digest = (value: string): Buffer => createHash('sha256').update(value).digest();

const USERS: ReadonlyMap<string, { user: User; passwordDigest: Buffer }> = new Map([
  ['alice', { user: { id: 'user-alice', name: 'Alice' }, passwordDigest: digest('wonderland') }],
  ['bob', { user: { id: 'user-bob', name: 'Bob' }, passwordDigest: digest('builder') }],
]);

/** The user for these credentials, or undefined. Compares digests in constant time. */
export function checkCredentials(username: string, password: string): User | undefined {
  const entry = USERS.get(username);
  if (!entry) return undefined;
  return timingSafeEqual(entry.passwordDigest, digest(password)) ? entry.user : undefined;
}
