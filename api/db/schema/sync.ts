import { sql } from 'drizzle-orm';
import { bigint, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** Key/value state of the sync loop: this instance's id, cursors per peer, last success. */
export const syncMetadata = pgTable('sync_metadata', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** One line per sync step (pull, push, apply), kept for moderators and for catching up after outages. */
export const syncLog = pgTable(
  'sync_log',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    direction: text('direction', { enum: ['pull', 'push'] }).notNull(),
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id'),
    operation: text('operation').notNull(),
    status: text('status', { enum: ['ok', 'failed', 'conflict'] }).notNull(),
    detail: jsonb('detail').$type<Record<string, unknown>>().notNull().default({}),
    error: text('error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('sync_log_created_idx').on(table.createdAt)],
);

/** Both sides changed the same thing: kept whole until a moderator picks or merges. */
export const syncConflicts = pgTable('sync_conflicts', {
  id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
  entityType: text('entity_type').notNull(),
  entityId: text('entity_id').notNull(),
  localVersion: jsonb('local_version').notNull(),
  remoteVersion: jsonb('remote_version').notNull(),
  status: text('status', { enum: ['open', 'resolved'] }).notNull().default('open'),
  resolution: text('resolution'),
  resolvedBy: text('resolved_by'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  resolvedAt: timestamp('resolved_at', { withTimezone: true }),
});
