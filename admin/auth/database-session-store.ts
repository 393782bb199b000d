import { eq, lt, sql } from 'drizzle-orm';
import type { HubDatabase } from '#api/db/database.ts';
import { adminSessions } from '#api/db/schema/index.ts';
import type { Logger } from '#api/logging/create-logger.ts';
import { createBoundedSessionStore, type SessionStore } from './bounded-session-store.ts';

type Callback = (error?: unknown, session?: unknown) => void;

/** Expired rows are deleted on every this many saves (cheap, and a table of live sessions stays small). */
const PRUNE_EVERY_SAVES = 50;

/**
 * Sessions of logged-in moderators in the database, so a restart or another api process keeps them
 * logged in (ADMIN_SESSION_SECRET then signs the same cookie across restarts). A session with no
 * moderator yet (a visitor sent to the login page) stays in the bounded in-memory store: anonymous
 * requests cannot fill the database.
 */
export function createDatabaseSessionStore(db: HubDatabase, maxAgeMs: number, logger: Logger): SessionStore {
  const anonymous = createBoundedSessionStore(maxAgeMs);
  let saves = 0;
  const fail = (callback: Callback) => (error: unknown) => {
    logger.error({ err: error }, 'admin session store failed');
    callback(error);
  };
  return {
    set(id: string, session: unknown, callback: Callback) {
      if (!(session as { adminUser?: unknown }).adminUser) {
        anonymous.set(id, session as Parameters<SessionStore['set']>[1], callback);
        return;
      }
      const row = { sid: id, session: JSON.parse(JSON.stringify(session)) as Record<string, unknown>, expiresAt: new Date(Date.now() + maxAgeMs) };
      saves += 1;
      const prune = saves % PRUNE_EVERY_SAVES === 0 ? db.delete(adminSessions).where(lt(adminSessions.expiresAt, new Date())) : Promise.resolve();
      Promise.all([
        db.insert(adminSessions).values(row).onConflictDoUpdate({ target: adminSessions.sid, set: { session: row.session, expiresAt: row.expiresAt } }),
        prune,
      ]).then(() => anonymous.destroy(id, callback), fail(callback));
    },
    get(id: string, callback: Callback) {
      db.select({ session: adminSessions.session })
        .from(adminSessions)
        .where(sql`${adminSessions.sid} = ${id} AND ${adminSessions.expiresAt} > now()`)
        .then(([row]) => (row ? callback(null, row.session) : anonymous.get(id, callback)), fail(callback));
    },
    destroy(id: string, callback: Callback) {
      db.delete(adminSessions).where(eq(adminSessions.sid, id)).then(() => anonymous.destroy(id, callback), fail(callback));
    },
  } as SessionStore;
}
