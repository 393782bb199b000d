import { index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { communities } from './communities.ts';

export const webSubmissionKinds = ['question', 'upload'] as const;
export type WebSubmissionKind = (typeof webSubmissionKinds)[number];

/**
 * One question or upload sent from the members' web page, keyed by the id the page gave it when it
 * was queued. The page may send a queued item again (a lost response, a second tab, a reload): the
 * row makes the second send return the first result instead of answering or storing twice.
 */
export const webSubmissions = pgTable(
  'web_submissions',
  {
    /** Chosen by the page (crypto.randomUUID) when the item was created. */
    id: uuid('id').primaryKey(),
    kind: text('kind', { enum: webSubmissionKinds }).notNull(),
    communityId: uuid('community_id').references(() => communities.id, { onDelete: 'cascade' }),
    /** When the current attempt started; an attempt that never finished may be taken over later. */
    claimedAt: timestamp('claimed_at', { withTimezone: true }).notNull().defaultNow(),
    completedAt: timestamp('completed_at', { withTimezone: true }),
    /** What the first send returned (the answer, or the document), replayed to repeats. */
    result: jsonb('result').$type<Record<string, unknown>>(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('web_submissions_created_idx').on(table.createdAt)],
);
