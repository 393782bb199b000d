import type { buildAuthenticatedRouter } from '@adminjs/fastify';

/** The store contract of @fastify/session, as @adminjs/fastify passes it on. */
export type SessionStore = NonNullable<NonNullable<Parameters<typeof buildAuthenticatedRouter>[3]>['store']>;

/** Sessions kept at most; beyond it the least recently saved ones are dropped (their users log in again). */
export const MAX_ADMIN_SESSIONS = 1_000;

type Callback = (error?: unknown, session?: unknown) => void;

/**
 * In-memory sessions with expiry and a size cap. @fastify/session's default store never forgets a
 * session, so anonymous requests (each gets one to remember where to return after login) would grow
 * memory without bound. Used for visitors not logged in; logged-in sessions go to the database
 * (database-session-store.ts).
 */
export function createBoundedSessionStore(maxAgeMs: number, now: () => number = Date.now): SessionStore {
  const sessions = new Map<string, { session: unknown; expires: number }>();
  return {
    set(id: string, session: unknown, callback: Callback) {
      sessions.delete(id);
      sessions.set(id, { session, expires: now() + maxAgeMs });
      while (sessions.size > MAX_ADMIN_SESSIONS) sessions.delete(sessions.keys().next().value!);
      callback();
    },
    get(id: string, callback: Callback) {
      const entry = sessions.get(id);
      if (entry && entry.expires <= now()) sessions.delete(id);
      callback(null, entry && entry.expires > now() ? entry.session : null);
    },
    destroy(id: string, callback: Callback) {
      sessions.delete(id);
      callback();
    },
  } as SessionStore;
}
