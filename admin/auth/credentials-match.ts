import { createHash, timingSafeEqual } from 'node:crypto';

export interface AdminCredentials {
  username: string;
  password: string;
}

/**
 * Whether a login form matches the configured account, in time independent of how much matches:
 * both sides are hashed to equal length first (timingSafeEqual needs that) and both fields are
 * always compared, so neither a wrong username nor a password prefix answers faster.
 */
export function credentialsMatch(expected: AdminCredentials, username: unknown, password: unknown): boolean {
  const usernameOk = sameSecret(expected.username, typeof username === 'string' ? username : '');
  const passwordOk = sameSecret(expected.password, typeof password === 'string' ? password : '');
  return usernameOk && passwordOk;
}

function sameSecret(expected: string, given: string): boolean {
  return timingSafeEqual(digest(expected), digest(given));
}

const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();
