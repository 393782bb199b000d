import { index, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Logged-in admin panel sessions, so a restart (or another api process) does not log moderators out.
 * Only sessions with a logged-in moderator are stored here; anonymous ones stay in process memory.
 */
export const adminSessions = pgTable(
  'admin_sessions',
  {
    /** The session id from the signed cookie. */
    sid: text('sid').primaryKey(),
    session: jsonb('session').$type<Record<string, unknown>>().notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (table) => [index('admin_sessions_expires_idx').on(table.expiresAt)],
);
