import { sql } from 'drizzle-orm';
import { queryRows, type HubDatabase } from '../db/database.ts';
import type { ConflictVersion } from '../db/schema/index.ts';
import { decideChange, type EntityVersion } from './decide-change.ts';
import { byApplyOrder } from './entity-kinds.ts';
import { FEED_LOCK } from './feed-lock.ts';
import { changeId, conflictId, type SyncChange } from './sync-change.ts';

/** What happened to each change of a batch, by change id; the sender reads this as the acknowledgement. */
export interface ApplyOutcome {
  applied: string[];
  alreadyApplied: string[];
  conflicts: Array<{ changeId: string; conflictId: string }>;
  /** Kept in the inbox until what they belong to arrives; acknowledged all the same. */
  parked: Array<{ changeId: string; reason: string }>;
}

/** A change that was written to its table, for work that follows (re-indexing, chunks, deliveries). */
export interface AppliedChange {
  change: SyncChange;
  /** Whether the row existed here before. */
  existed: boolean;
}

export interface ApplyOptions {
  /** Runs inside the transaction after the rows are written, e.g. to store chunks sent along. */
  afterApply?: (tx: HubDatabase, applied: AppliedChange[]) => Promise<unknown>;
  /** Runs inside the same transaction even for an empty batch: the place to acknowledge it (a cursor). */
  inTransaction?: (tx: HubDatabase) => Promise<unknown>;
}

interface HeldVersion extends EntityVersion {
  originInstance: string;
  changedBy: string;
  /** Feed position when loaded; null for a version decided within this batch. */
  seq: number | null;
}

interface Pending {
  change: SyncChange;
  from: string;
  decision: ReturnType<typeof decideChange>;
  held: HeldVersion | null;
}

/** Row errors that mean "what this belongs to has not arrived yet": wait in the inbox. */
const WAIT_FOR_PARENT = new Set(['HS001', '23503']);

/**
 * Applies received changes in one transaction: each is compared with the version held here and
 * written, skipped as already applied, or recorded as a conflict (both versions kept, the winner
 * written). Changes that cannot be applied yet are parked in the inbox. Safe to call twice with the
 * same changes. `from` is the instance the changes came from (they are not sent back to it).
 */
export async function applyChanges(db: HubDatabase, changes: Array<{ change: SyncChange; from: string }>, options: ApplyOptions = {}): Promise<ApplyOutcome> {
  const outcome: ApplyOutcome = { applied: [], alreadyApplied: [], conflicts: [], parked: [] };
  if (changes.length === 0 && !options.inTransaction) return outcome;
  return db.transaction(async (tx) => {
    if (changes.length === 0) {
      await options.inTransaction!(tx);
      return outcome;
    }
    await tx.execute(sql`SELECT pg_advisory_xact_lock(${FEED_LOCK})`);
    const [{ me }] = (await queryRows<{ me: string }>(tx, sql`SELECT hub_sync_instance_id() AS me`)) as [{ me: string }];
    const ordered = [...changes].sort((a, b) => byApplyOrder(a.change, b.change));
    const held = await loadHeldVersions(tx, ordered.map((c) => c.change));
    const pending = decideAll(ordered, held);
    const localSnapshots = await loadSnapshots(tx, pending.filter((p) => p.decision.kind === 'conflict').map((p) => p.change));
    const writes = pending.filter((p) => p.decision.kind === 'apply' || (p.decision.kind === 'conflict' && p.decision.incomingWins));
    const results = await writeRows(tx, writes);
    const failed = new Map<Pending, { error: string; state: string }>();
    writes.forEach((p, index) => {
      const result = results[index]!;
      if ('error' in result) failed.set(p, result);
    });

    const metaRows: MetaRow[] = [];
    const conflictRows: ConflictRow[] = [];
    const applied: AppliedChange[] = [];
    const parked: InboxRow[] = [];
    for (const p of pending) {
      const id = changeId(p.change);
      const failure = failed.get(p);
      if (failure && WAIT_FOR_PARENT.has(failure.state) && !(await parentDeleted(tx, failure.error))) {
        parked.push({ change: p.change, from: p.from, error: failure.error });
        outcome.parked.push({ changeId: id, reason: failure.error });
        continue;
      }
      if (failure) {
        // It can never apply here as it is (another row holds its name, or what it belongs to was
        // deleted): keep this instance's version and record both for a moderator.
        const local = toConflictVersion(p.held ?? absentVersion(me), await snapshotOf(tx, p.change));
        const cid = conflictId(p.change.type, p.change.id, local, p.change);
        conflictRows.push({ id: cid, type: p.change.type, entityId: p.change.id, winner: local, other: toConflictVersion(p.change, p.change.snapshot), reason: failure.error });
        outcome.conflicts.push({ changeId: id, conflictId: cid });
        continue;
      }
      const decision = p.decision;
      if (decision.kind === 'already-applied') {
        outcome.alreadyApplied.push(id);
        continue;
      }
      const changedBy = decision.kind === 'apply' ? p.change.changedBy : me;
      metaRows.push({
        type: p.change.type,
        id: p.change.id,
        ...decision.result,
        origin: p.held?.originInstance ?? p.change.origin,
        changedBy,
        // The sender already holds exactly this version; a merge is news to it too.
        receivedFrom: decision.kind === 'apply' ? p.from : null,
        loadedSeq: p.held?.seq ?? null,
      });
      if (decision.kind === 'apply' || (decision.kind === 'conflict' && decision.incomingWins)) applied.push({ change: p.change, existed: p.held !== null && !p.held.deleted });
      if (decision.kind === 'conflict') {
        const local = toConflictVersion(p.held!, localSnapshots.get(`${p.change.type}:${p.change.id}`) ?? null);
        const incoming = toConflictVersion({ ...p.change, changedBy: p.change.changedBy }, p.change.snapshot);
        const cid = conflictId(p.change.type, p.change.id, local, incoming);
        conflictRows.push({ id: cid, type: p.change.type, entityId: p.change.id, winner: decision.incomingWins ? incoming : local, other: decision.incomingWins ? local : incoming, reason: null });
        outcome.conflicts.push({ changeId: id, conflictId: cid });
      } else {
        outcome.applied.push(id);
      }
    }
    await writeMetadata(tx, metaRows);
    await writeConflicts(tx, conflictRows);
    await writeInbox(tx, parked);
    const stillParked = new Set(parked.map((row) => row.change));
    await clearInbox(tx, pending.filter((p) => !stillParked.has(p.change)).map((p) => p.change));
    await writeFollowups(tx, applied);
    if (options.afterApply && applied.length > 0) await options.afterApply(tx, applied);
    await options.inTransaction?.(tx);
    return outcome;
  });
}

function decideAll(ordered: Array<{ change: SyncChange; from: string }>, held: Map<string, HeldVersion>): Pending[] {
  return ordered.map(({ change, from }) => {
    const key = `${change.type}:${change.id}`;
    const local = held.get(key) ?? null;
    const decision = decideChange(local, change);
    // A later change of the same entity in this batch compares against what this one leaves.
    if (decision.kind !== 'already-applied') {
      held.set(key, { ...decision.result, originInstance: local?.originInstance ?? change.origin, changedBy: change.changedBy, seq: null });
    }
    return { change, from, decision, held: local };
  });
}

async function loadHeldVersions(tx: HubDatabase, changes: SyncChange[]): Promise<Map<string, HeldVersion>> {
  const keys = JSON.stringify(changes.map((c) => ({ type: c.type, id: c.id })));
  const rows = await queryRows<{ entity_type: string; entity_id: string; version: Record<string, number>; generation: number; rev_hash: string; deleted: boolean; origin_instance: string; changed_by: string; seq: string }>(
    tx,
    sql`SELECT m.entity_type, m.entity_id, m.version, m.generation, m.rev_hash, m.deleted, m.origin_instance, m.changed_by, m.seq
        FROM sync_metadata m JOIN jsonb_to_recordset(${keys}::jsonb) AS k(type text, id text) ON m.entity_type = k.type AND m.entity_id = k.id`,
  );
  return new Map(
    rows.map((r) => [
      `${r.entity_type}:${r.entity_id}`,
      { version: r.version, generation: Number(r.generation), revHash: r.rev_hash, deleted: r.deleted, originInstance: r.origin_instance, changedBy: r.changed_by, seq: Number(r.seq) },
    ]),
  );
}

async function loadSnapshots(tx: HubDatabase, changes: SyncChange[]): Promise<Map<string, Record<string, unknown> | null>> {
  if (changes.length === 0) return new Map();
  const keys = JSON.stringify(changes.map((c) => ({ type: c.type, id: c.id })));
  const rows = await queryRows<{ type: string; id: string; snapshot: Record<string, unknown> | null }>(
    tx,
    sql`SELECT k.type, k.id, hub_sync_snapshot(k.type, k.id) AS snapshot FROM jsonb_to_recordset(${keys}::jsonb) AS k(type text, id text)`,
  );
  return new Map(rows.map((r) => [`${r.type}:${r.id}`, r.snapshot]));
}

type RowResult = { hash: string } | { error: string; state: string };

/** Writes the winning versions into their tables in one round trip (each in its own subtransaction). */
async function writeRows(tx: HubDatabase, writes: Array<{ change: SyncChange; from: string }>): Promise<RowResult[]> {
  if (writes.length === 0) return [];
  const items = JSON.stringify(writes.map(({ change: c, from }) => ({ kind: c.type, id: c.id, snapshot: c.snapshot, deleted: c.deleted, origin: c.origin, hash: c.revHash, from })));
  const [row] = await queryRows<{ results: RowResult[] }>(tx, sql`SELECT hub_sync_apply_rows(${items}::jsonb) AS results`);
  return row!.results;
}

interface MetaRow extends EntityVersion {
  type: string;
  id: string;
  origin: string;
  changedBy: string;
  receivedFrom: string | null;
  /** The feed position the decision was made against. */
  loadedSeq: number | null;
}

/**
 * Records the versions decided for this batch. Writing rows can change other entities of the batch
 * (deleting a community deletes its updates, which change capture records as this instance's own
 * changes): such an entity keeps that newer record, which now also counts as having seen the version
 * decided here, instead of being overwritten by a decision made before it.
 */
async function writeMetadata(tx: HubDatabase, rows: MetaRow[]): Promise<void> {
  if (rows.length === 0) return;
  const records = JSON.stringify(
    rows.map((r) => ({ entity_type: r.type, entity_id: r.id, version: r.version, generation: r.generation, rev_hash: r.revHash, deleted: r.deleted, origin_instance: r.origin, changed_by: r.changedBy, received_from: r.receivedFrom, loaded_seq: r.loadedSeq })),
  );
  await tx.execute(sql`
    WITH decided AS (
      SELECT r.*, m.seq IS NOT DISTINCT FROM r.loaded_seq AS unchanged, m.version AS current_version, m.generation AS current_generation,
             m.rev_hash AS current_hash, m.deleted AS current_deleted, m.changed_by AS current_changed_by, m.origin_instance AS current_origin
      FROM jsonb_to_recordset(${records}::jsonb) AS r(entity_type text, entity_id text, version jsonb, generation int, rev_hash text, deleted boolean,
                                                      origin_instance text, changed_by text, received_from text, loaded_seq bigint)
      LEFT JOIN sync_metadata m ON m.entity_type = r.entity_type AND m.entity_id = r.entity_id
    )
    INSERT INTO sync_metadata (entity_type, entity_id, version, generation, rev_hash, deleted, origin_instance, changed_by, received_from, seq, updated_at)
    SELECT entity_type, entity_id,
           CASE WHEN unchanged THEN version ELSE hub_sync_merge_versions(current_version, version) END,
           CASE WHEN unchanged THEN generation ELSE current_generation END,
           CASE WHEN unchanged THEN rev_hash ELSE current_hash END,
           CASE WHEN unchanged THEN deleted ELSE current_deleted END,
           COALESCE(current_origin, origin_instance),
           CASE WHEN unchanged THEN changed_by ELSE current_changed_by END,
           CASE WHEN unchanged THEN received_from END,
           nextval('hub_sync_seq'), now()
    FROM decided
    ON CONFLICT (entity_type, entity_id) DO UPDATE SET version = EXCLUDED.version, generation = EXCLUDED.generation, rev_hash = EXCLUDED.rev_hash,
      deleted = EXCLUDED.deleted, changed_by = EXCLUDED.changed_by, received_from = EXCLUDED.received_from, seq = EXCLUDED.seq, updated_at = now()`);
}

interface ConflictRow {
  id: string;
  type: string;
  entityId: string;
  winner: ConflictVersion;
  other: ConflictVersion;
  /** Why the other version could not be applied at all, when that is the conflict. */
  reason: string | null;
}

/** Conflict rows replicate like any entity (their trigger records them), so both sides end up with one. */
async function writeConflicts(tx: HubDatabase, rows: ConflictRow[]): Promise<void> {
  for (const row of rows) {
    await tx.execute(sql`
      INSERT INTO sync_conflicts (id, entity_type, entity_id, winner_version, other_version, reason)
      VALUES (${row.id}, ${row.type}, ${row.entityId}, ${JSON.stringify(row.winner)}::jsonb, ${JSON.stringify(row.other)}::jsonb, ${row.reason})
      ON CONFLICT (id) DO NOTHING`);
  }
}

interface InboxRow {
  change: SyncChange;
  from: string;
  error: string;
}

async function writeInbox(tx: HubDatabase, rows: InboxRow[]): Promise<void> {
  for (const row of rows) {
    await tx.execute(sql`
      INSERT INTO sync_inbox (entity_type, entity_id, change, from_instance, attempts, error)
      VALUES (${row.change.type}, ${row.change.id}, ${JSON.stringify(row.change)}::jsonb, ${row.from}, 1, ${row.error})
      ON CONFLICT (entity_type, entity_id) DO UPDATE SET change = EXCLUDED.change, from_instance = EXCLUDED.from_instance,
        attempts = sync_inbox.attempts + 1, error = EXCLUDED.error`);
  }
}

/** A parked change whose entity has now been settled (applied, or superseded) leaves the inbox. */
async function clearInbox(tx: HubDatabase, settled: SyncChange[]): Promise<void> {
  if (settled.length === 0) return;
  const keys = JSON.stringify(settled.map((c) => ({ type: c.type, id: c.id, hash: c.revHash })));
  await tx.execute(sql`
    DELETE FROM sync_inbox i USING jsonb_to_recordset(${keys}::jsonb) AS k(type text, id text, hash text)
    WHERE i.entity_type = k.type AND i.entity_id = k.id AND i.change ->> 'revHash' = k.hash`);
}

/** Kinds whose arrival asks for work outside the transaction (indexing, mirroring, delivering). */
const FOLLOWED_UP = new Set(['document', 'document_content', 'community_update', 'faq_entry']);

async function writeFollowups(tx: HubDatabase, applied: AppliedChange[]): Promise<void> {
  const rows = applied
    .filter((a) => FOLLOWED_UP.has(a.change.type))
    .map((a) => ({ type: a.change.type, id: a.change.id, reason: a.change.deleted ? 'deleted' : a.existed ? 'changed' : 'created' }));
  if (rows.length === 0) return;
  await tx.execute(sql`
    INSERT INTO sync_followups (entity_type, entity_id, reason)
    SELECT r.type, r.id, r.reason FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS r(type text, id text, reason text)
    ON CONFLICT (entity_type, entity_id) DO UPDATE
      SET reason = CASE WHEN sync_followups.reason = 'created' AND EXCLUDED.reason = 'changed' THEN 'created' ELSE EXCLUDED.reason END`);
}

/** Whether the row a change waits for (named in the 'missing parent kind:id' error) was deleted here. */
async function parentDeleted(tx: HubDatabase, error: string): Promise<boolean> {
  const parent = /missing parent (\w+):([0-9a-f-]{36})/.exec(error);
  if (!parent) return false;
  const [row] = await queryRows<{ deleted: boolean }>(tx, sql`SELECT deleted FROM sync_metadata WHERE entity_type = ${parent[1]} AND entity_id = ${parent[2]}`);
  return row?.deleted === true;
}

async function snapshotOf(tx: HubDatabase, change: SyncChange): Promise<Record<string, unknown> | null> {
  return (await loadSnapshots(tx, [change])).get(`${change.type}:${change.id}`) ?? null;
}

/** The version of an entity this instance never had. */
function absentVersion(me: string): EntityVersion & { changedBy: string } {
  return { version: {}, generation: 0, revHash: '', deleted: true, changedBy: me };
}

function toConflictVersion(v: EntityVersion & { changedBy: string }, snapshot: Record<string, unknown> | null): ConflictVersion {
  return { snapshot: v.deleted ? null : snapshot, version: v.version, generation: v.generation, revHash: v.revHash, deleted: v.deleted, changedBy: v.changedBy };
}
