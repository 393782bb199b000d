import { sql } from 'drizzle-orm';
import { queryRows, type HubDatabase } from '../db/database.ts';
import type { EntityKind } from './entity-kinds.ts';
import type { SyncChange } from './sync-change.ts';

export interface FeedPage {
  changes: SyncChange[];
  /** Feed position to ask from next time: everything up to it was read (or skipped on purpose). */
  nextCursor: number;
  /** Changes after `nextCursor` for this reader, at the time of reading. */
  remaining: number;
}

export interface FeedRequest {
  /** Feed position already read; 0 for everything. */
  after: number;
  limit: number;
  /** A page stops growing past this many bytes of snapshots (at least one change is always sent). */
  maxBytes: number;
  /** The reader's instance: versions received from it are not sent back. */
  reader?: string;
  /** Whether questions asked here leave this instance (SYNC_QUESTION_LOG). */
  shareQuestions: boolean;
}

interface FeedRow {
  entity_type: EntityKind;
  entity_id: string;
  version: Record<string, number>;
  generation: number;
  rev_hash: string;
  deleted: boolean;
  origin_instance: string;
  changed_by: string;
  received_from: string | null;
  seq: string | number;
  snapshot: Record<string, unknown> | null;
}

/**
 * This instance's changes after a cursor, oldest first: the latest version of each entity changed
 * since, with its current snapshot. Serves a peer's pull and this instance's own push.
 */
export async function readChangeFeed(db: HubDatabase, request: FeedRequest): Promise<FeedPage> {
  const rows = await queryRows<FeedRow>(
    db,
    sql`SELECT m.entity_type, m.entity_id, m.version, m.generation, m.rev_hash, m.deleted, m.origin_instance, m.changed_by, m.received_from, m.seq,
               CASE WHEN m.deleted THEN NULL ELSE hub_sync_snapshot(m.entity_type, m.entity_id) END AS snapshot
        FROM sync_metadata m WHERE m.seq > ${request.after} ORDER BY m.seq LIMIT ${request.limit}`,
  );
  const changes: SyncChange[] = [];
  let nextCursor = request.after;
  let bytes = 0;
  for (const row of rows) {
    const size = row.snapshot ? JSON.stringify(row.snapshot).length : 0;
    if (changes.length > 0 && bytes + size > request.maxBytes) break;
    nextCursor = Number(row.seq);
    if ((request.reader && row.received_from === request.reader) || (!request.shareQuestions && row.entity_type === 'question')) continue;
    bytes += size;
    changes.push(toChange(row));
  }
  return { changes, nextCursor, remaining: await countAfter(db, nextCursor, { reader: request.reader, shareQuestions: request.shareQuestions }) };
}

/** The version of one entity this instance holds, as it would travel, or null if it never had it. */
export async function readEntityChange(db: HubDatabase, type: EntityKind, id: string): Promise<SyncChange | null> {
  const [row] = await queryRows<FeedRow>(
    db,
    sql`SELECT m.entity_type, m.entity_id, m.version, m.generation, m.rev_hash, m.deleted, m.origin_instance, m.changed_by, m.received_from, m.seq,
               CASE WHEN m.deleted THEN NULL ELSE hub_sync_snapshot(m.entity_type, m.entity_id) END AS snapshot
        FROM sync_metadata m WHERE m.entity_type = ${type} AND m.entity_id = ${id}`,
  );
  return row ? toChange(row) : null;
}

/** Changes after a feed position that a reader would still receive. */
export async function countAfter(db: HubDatabase, cursor: number, options: { reader?: string; shareQuestions: boolean }): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    db,
    sql`SELECT count(*)::int AS n FROM sync_metadata WHERE seq > ${cursor} AND received_from IS DISTINCT FROM ${options.reader ?? null}
          AND (entity_type <> 'question' OR ${options.shareQuestions})`,
  );
  return Number(row?.n ?? 0);
}

function toChange(row: FeedRow): SyncChange {
  return {
    type: row.entity_type,
    id: row.entity_id,
    version: row.version,
    generation: Number(row.generation),
    revHash: row.rev_hash,
    deleted: row.deleted,
    origin: row.origin_instance,
    changedBy: row.changed_by,
    snapshot: row.snapshot,
  };
}
