import { sql } from 'drizzle-orm';
import { bigint, boolean, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { documents } from './documents.ts';

/**
 * How instances replicate (see api/sync/README.md): every change to a synced row is recorded in
 * `sync_metadata` by database triggers, in the same transaction as the change. Each entity carries a
 * version vector (one counter per instance that changed it), a revision (generation + content hash)
 * and the position `seq` of its latest change in this instance's change feed. Peers pull the feed by
 * `seq` cursor and push theirs; versions decide between fast-forward, already-applied and conflict.
 */

/** Key/value state of this instance's sync: its id, cursors per server, last round, mode. */
export const syncState = pgTable('sync_state', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Version and feed position of every synced entity, tombstones included (the seed's sync_metadata). */
export const syncMetadata = pgTable(
  'sync_metadata',
  {
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id').notNull(),
    /** Version vector: instance id -> number of changes that instance made to this entity. */
    version: jsonb('version').$type<Record<string, number>>().notNull(),
    /** Length of the longest edit history behind this version; with the hash, orders concurrent versions. */
    generation: integer('generation').notNull(),
    /** md5 of the entity's synced fields (or of the tombstone marker). */
    revHash: text('rev_hash').notNull(),
    deleted: boolean('deleted').notNull().default(false),
    /** Instance that created the entity. */
    originInstance: text('origin_instance').notNull(),
    /** Instance whose change (or merge) produced this version. */
    changedBy: text('changed_by').notNull(),
    /** The peer this version was received from, so it is not sent back to it. */
    receivedFrom: text('received_from'),
    /** Position in this instance's change feed; every change takes the next value. */
    seq: bigint('seq', { mode: 'number' }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.entityType, table.entityId] }), uniqueIndex('sync_metadata_seq_idx').on(table.seq)],
);

/** One line per sync step of a round (pull, push, processing), for moderators and diagnosis. */
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

/** A version of an entity as a conflict keeps it. */
export interface ConflictVersion {
  snapshot: Record<string, unknown> | null;
  version: Record<string, number>;
  generation: number;
  revHash: string;
  deleted: boolean;
  changedBy: string;
}

/**
 * Both sides changed the same entity since their last common version. Both versions are kept; the
 * winner (the same on every instance) is applied provisionally until a moderator resolves it. The id is
 * derived from the entity and the two revisions, so instances that detect the same conflict share it.
 */
export const syncConflicts = pgTable(
  'sync_conflicts',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id').notNull(),
    winnerVersion: jsonb('winner_version').$type<ConflictVersion>().notNull(),
    otherVersion: jsonb('other_version').$type<ConflictVersion>().notNull(),
    /** Set when the other version could not be applied here at all (e.g. its name is taken). */
    reason: text('reason'),
    status: text('status', { enum: ['open', 'resolved'] }).notNull().default('open'),
    /** keep_winner, keep_other, edited. */
    resolution: text('resolution'),
    resolvedBy: text('resolved_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
  },
  (table) => [index('sync_conflicts_entity_idx').on(table.entityType, table.entityId), index('sync_conflicts_status_idx').on(table.status)],
);

/** Keys that let another instance call `/api/sync`; only a hash of the secret is stored. */
export const syncKeys = pgTable('sync_keys', {
  id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
  name: text('name').notNull(),
  secretHash: text('secret_hash').notNull(),
  /** The instance that first used the key; any other instance is refused. */
  instanceId: text('instance_id'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
  revokedAt: timestamp('revoked_at', { withTimezone: true }),
});

/** What a server knows of each instance syncing with it, for the dashboard and `hub sync --status`. */
export const syncPeers = pgTable('sync_peers', {
  instanceId: text('instance_id').primaryKey(),
  keyId: uuid('key_id').notNull(),
  lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
  /** The feed position the peer has pulled up to. */
  pulledSeq: bigint('pulled_seq', { mode: 'number' }).notNull().default(0),
  /** The peer's own view: mode, pending changes, open conflicts (sent with each push). */
  reported: jsonb('reported').$type<Record<string, unknown>>().notNull().default({}),
});

/** A document a local instance is fully processing for this (cloud) instance; expires if it vanishes. */
export const syncLeases = pgTable('sync_leases', {
  documentId: uuid('document_id')
    .primaryKey()
    .references(() => documents.id, { onDelete: 'cascade' }),
  instanceId: text('instance_id').notNull(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
});

/** Received changes that could not be applied yet (e.g. a document whose community has not arrived). */
export const syncInbox = pgTable(
  'sync_inbox',
  {
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id').notNull(),
    change: jsonb('change').$type<Record<string, unknown>>().notNull(),
    fromInstance: text('from_instance').notNull(),
    attempts: integer('attempts').notNull().default(0),
    error: text('error'),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.entityType, table.entityId] })],
);

/**
 * Work an applied change still owes on this instance, written in the same transaction as the change:
 * re-index a document, re-mirror an FAQ entry or update, deliver an update, tell an uploader.
 */
export const syncFollowups = pgTable(
  'sync_followups',
  {
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id').notNull(),
    /** created, changed or deleted: what the applied change did to the row. */
    reason: text('reason').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.entityType, table.entityId] })],
);
