import { describe, expect, it } from 'vitest';
import { createBoundedSessionStore, MAX_ADMIN_SESSIONS } from './bounded-session-store.ts';
import { credentialsMatch } from './credentials-match.ts';
import { createLoginAttemptLimiter, FAILED_LOGIN_WINDOW_MS, MAX_FAILED_LOGINS } from './login-attempt-limiter.ts';

const account = { username: 'admin', password: 'correct horse battery' };

describe('admin credentials', () => {
  it('accepts exactly the configured username and password', () => {
    expect(credentialsMatch(account, 'admin', 'correct horse battery')).toBe(true);
  });

  it('refuses a wrong password, a wrong username, prefixes, missing and non-string values', () => {
    expect(credentialsMatch(account, 'admin', 'correct horse batter')).toBe(false);
    expect(credentialsMatch(account, 'admin', 'correct horse battery ')).toBe(false);
    expect(credentialsMatch(account, 'Admin', 'correct horse battery')).toBe(false);
    expect(credentialsMatch(account, undefined, undefined)).toBe(false);
    expect(credentialsMatch(account, ['admin'], { password: 'correct horse battery' })).toBe(false);
  });
});

describe('login attempt limiter', () => {
  it('refuses a client after too many failures until the window passes, and forgets on success', () => {
    let now = 0;
    const limiter = createLoginAttemptLimiter(() => now);
    for (let attempt = 0; attempt < MAX_FAILED_LOGINS; attempt += 1) {
      expect(limiter.allows('10.0.0.1')).toBe(true);
      limiter.recordFailure('10.0.0.1');
    }
    expect(limiter.allows('10.0.0.1')).toBe(false);
    expect(limiter.allows('10.0.0.2')).toBe(true);
    now += FAILED_LOGIN_WINDOW_MS + 1;
    expect(limiter.allows('10.0.0.1')).toBe(true);
    limiter.recordFailure('10.0.0.2');
    limiter.recordSuccess('10.0.0.2');
    for (let attempt = 0; attempt < MAX_FAILED_LOGINS - 1; attempt += 1) limiter.recordFailure('10.0.0.2');
    expect(limiter.allows('10.0.0.2')).toBe(true);
  });
});

describe('bounded session store', () => {
  const read = (store: ReturnType<typeof createBoundedSessionStore>, id: string) =>
    new Promise((resolve) => store.get(id, (_error, session) => resolve(session)));
  const write = (store: ReturnType<typeof createBoundedSessionStore>, id: string, session: object) =>
    new Promise<void>((resolve) => store.set(id, session as never, () => resolve()));

  it('returns saved sessions until they expire or are destroyed', async () => {
    let now = 0;
    const store = createBoundedSessionStore(1_000, () => now);
    await write(store, 'a', { user: 1 });
    expect(await read(store, 'a')).toEqual({ user: 1 });
    now = 1_000;
    expect(await read(store, 'a')).toBeNull();
    await write(store, 'b', { user: 2 });
    await new Promise<void>((resolve) => store.destroy('b', () => resolve()));
    expect(await read(store, 'b')).toBeNull();
  });

  it('drops the oldest sessions beyond its cap so anonymous traffic cannot grow memory', async () => {
    const store = createBoundedSessionStore(60_000);
    for (let index = 0; index <= MAX_ADMIN_SESSIONS; index += 1) await write(store, `s${index}`, { index });
    expect(await read(store, 's0')).toBeNull();
    expect(await read(store, 's1')).toEqual({ index: 1 });
    expect(await read(store, `s${MAX_ADMIN_SESSIONS}`)).toEqual({ index: MAX_ADMIN_SESSIONS });
  });
});
