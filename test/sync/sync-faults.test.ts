/**
 * Randomized fault test of sync (fast-check). Each history is a random sequence of creates, edits and
 * deletions on both instances, interleaved with sync rounds whose requests are dropped, duplicated,
 * delayed (delivered late and out of order), cut mid-body or mid-answer, or cut short by the worker
 * crashing. After healing (rounds without faults) both instances must hold the same state, every
 * committed write must have survived or been superseded knowingly (a later edit that had seen it, or a
 * recorded conflict), and nothing may wait in an inbox.
 *
 * Runs SYNC_FAULT_RUNS histories (default 500 per engine: CI runs the suite on PGlite and on PostgreSQL,
 * so each CI run checks 1,000 histories, with a new random seed each time). A failure prints its seed and path; replay exactly that
 * history with SYNC_FAULT_SEED=<seed> SYNC_FAULT_PATH=<path> npx vitest run test/sync/sync-faults.test.ts
 */
import fc from 'fast-check';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows, type HubDatabase } from '../../api/db/database.ts';
import { compareVersions, type VersionVector } from '../../api/sync/version-vector.ts';
import { createHttpSyncServer } from '../../api/sync/http-sync-server.ts';
import { readInstanceId } from '../../api/sync/instance-id.ts';
import { syncWithServer } from '../../api/sync/sync-with-server.ts';
import { testEngine } from '../support/test-database.ts';
import { createFaultyFetch, faults, type Fault } from './faulty-fetch.ts';
import { startSyncPair, type Instance, type SyncPair } from './sync-pair.ts';

const RUNS = Number(process.env.SYNC_FAULT_RUNS ?? 500);
const HEAL_ROUNDS = 4;

/** Fixed ids per slot, the same on both instances (as deterministic ids of named things are). */
const ids = {
  community: ['c0000000-0000-4000-8000-000000000000', 'c0000000-0000-4000-8000-000000000001'],
  faq: ['f0000000-0000-4000-8000-000000000000', 'f0000000-0000-4000-8000-000000000001', 'f0000000-0000-4000-8000-000000000002'],
  update: ['e0000000-0000-4000-8000-000000000000', 'e0000000-0000-4000-8000-000000000001'],
};
type Kind = keyof typeof ids;

type Action =
  | { do: 'write'; side: 'cloud' | 'local'; kind: Kind; slot: number; text: string; community: number; remove: boolean }
  | { do: 'sync'; faults: Fault[] };

const actionArb: fc.Arbitrary<Action> = fc.oneof(
  { weight: 3, arbitrary: fc.record({
    do: fc.constant('write' as const),
    side: fc.constantFrom('cloud' as const, 'local' as const),
    kind: fc.constantFrom<Kind>('community', 'faq', 'update'),
    slot: fc.nat(2),
    text: fc.constantFrom('alpha', 'beta', 'gamma', 'delta'),
    community: fc.integer({ min: -1, max: 1 }),
    remove: fc.integer({ min: 0, max: 4 }).map((n) => n === 0),
  }) },
  { weight: 1, arbitrary: fc.record({ do: fc.constant('sync' as const), faults: fc.array(fc.constantFrom(...faults), { maxLength: 8 }) }) },
);

interface Write {
  type: string;
  id: string;
  version: VersionVector;
  revHash: string;
}

describe(`sync under dropped, duplicated, delayed and cut requests and worker crashes: cloud on ${testEngine}, local on pglite`, { timeout: 1_800_000 }, () => {
  let pair: SyncPair;
  let localId: string;

  beforeAll(async () => {
    // No workers: follow-ups (indexing, mirroring) are not what this test checks, and they would race the resets.
    pair = await startSyncPair({ workers: false });
    localId = await readInstanceId(pair.local.core.db);
  }, 180_000);
  afterAll(async () => {
    await pair?.close();
  });

  it(`converges and loses nothing over ${process.env.SYNC_FAULT_SEED ? "a replayed" : RUNS} random histor${process.env.SYNC_FAULT_SEED ? "y" : "ies"}`, async () => {
    const replay = process.env.SYNC_FAULT_SEED ? { seed: Number(process.env.SYNC_FAULT_SEED), path: process.env.SYNC_FAULT_PATH } : {};
    await fc.assert(
      fc.asyncProperty(fc.array(actionArb, { minLength: 1, maxLength: 14 }), async (actions) => {
        await resetBoth(pair);
        const writes: Write[] = [];
        for (const action of actions) {
          if (action.do === 'write') writes.push(...(await applyWrite(action.side === 'cloud' ? pair.cloud : pair.local, action))); else {
            await syncWithServer(pair.local.core, serverThrough(action.faults));
          }
        }
        await heal();
        await expectConverged();
        await expectWritesAccountedFor(writes);
      }),
      { numRuns: RUNS, ...replay },
    );
  });

  function serverThrough(plan: Fault[]) {
    return createHttpSyncServer({ baseUrl: 'http://cloud.invalid', key: pair.key, instanceId: localId, fetch: createFaultyFetch(pair.cloud.app, plan) });
  }

  /** Rounds without faults until one moves nothing in either direction. */
  async function heal(): Promise<void> {
    const server = serverThrough([]);
    for (let round = 0; round < HEAL_ROUNDS; round++) {
      const result = await syncWithServer(pair.local.core, server);
      expect(result.error).toBeNull();
      const report = result.report!;
      if (report.pulled === 0 && report.pushed === 0 && report.pending.pull === 0 && report.pending.push === 0) return;
    }
    throw new Error(`still moving changes after ${HEAL_ROUNDS} rounds without faults`);
  }

  async function expectConverged(): Promise<void> {
    const [cloud, local] = await Promise.all([stateOf(pair.cloud.core.db), stateOf(pair.local.core.db)]);
    expect(local.rows).toEqual(cloud.rows);
    expect(local.versions).toEqual(cloud.versions);
    expect(cloud.inbox + local.inbox).toBe(0);
  }

  /** A write is accounted for when it is the final version, a later write had seen it, or a conflict kept it. */
  async function expectWritesAccountedFor(writes: Write[]): Promise<void> {
    const finals = (await stateOf(pair.cloud.core.db)).versions;
    const conflicted = new Set(
      (await queryRows<{ w: string; o: string }>(pair.cloud.core.db, sql`SELECT winner_version ->> 'revHash' AS w, other_version ->> 'revHash' AS o FROM sync_conflicts`)).flatMap((r) => [r.w, r.o]),
    );
    for (const write of writes) {
      const final = finals[`${write.type}:${write.id}`];
      if (final?.hash === write.revHash) continue;
      const seenLater = writes.some((later) => later.type === write.type && later.id === write.id && compareVersions(write.version, later.version) === 'before');
      expect(seenLater || conflicted.has(write.revHash), `write ${write.type}:${write.id} ${write.revHash} vanished without a trace`).toBe(true);
    }
  }
});

/** Performs one write and returns every version it created (a community's deletion also deletes what was in it). */
async function applyWrite(instance: Instance, action: Extract<Action, { do: 'write' }>): Promise<Write[]> {
  const id = ids[action.kind][action.slot % ids[action.kind].length]!;
  const community = action.community < 0 ? null : ids.community[action.community]!;
  const db = instance.core.db;
  const [before] = await queryRows<{ seq: string }>(db, sql`SELECT coalesce(max(seq), 0) AS seq FROM sync_metadata`);
  try {
    if (action.remove) {
      const table = { community: 'communities', faq: 'faq_entries', update: 'community_updates' }[action.kind];
      await db.execute(sql`DELETE FROM ${sql.identifier(table)} WHERE id = ${id}`);
    } else if (action.kind === 'community') {
      await db.execute(sql`INSERT INTO communities (id, slug, name) VALUES (${id}, ${`c${action.slot}`}, ${action.text})
                           ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name`);
    } else if (action.kind === 'faq') {
      await db.execute(sql`INSERT INTO faq_entries (id, community_id, question, answer) VALUES (${id}, ${community}, ${`Q${action.slot}?`}, ${action.text})
                           ON CONFLICT (id) DO UPDATE SET answer = EXCLUDED.answer, community_id = EXCLUDED.community_id`);
    } else {
      await db.execute(sql`INSERT INTO community_updates (id, community_id, title, body) VALUES (${id}, ${community}, ${`U${action.slot}`}, ${action.text})
                           ON CONFLICT (id) DO UPDATE SET body = EXCLUDED.body, community_id = EXCLUDED.community_id`);
    }
  } catch (error) {
    // Naming a community this side does not have (or a slug taken by another row) is refused: no write happened.
    if (/foreign key|unique/i.test(String((error as Error).message) + String((error as { cause?: Error }).cause?.message))) return [];
    throw error;
  }
  const created = await queryRows<{ entity_type: string; entity_id: string; version: VersionVector; rev_hash: string }>(
    db,
    sql`SELECT entity_type, entity_id, version, rev_hash FROM sync_metadata WHERE seq > ${Number(before!.seq)}`,
  );
  return created.map((m) => ({ type: m.entity_type, id: m.entity_id, version: m.version, revHash: m.rev_hash }));
}

/** Rows of every synced table (as snapshots) and every entity's version, for comparing two instances. */
async function stateOf(db: HubDatabase) {
  const rows = await queryRows<{ key: string; snapshot: unknown }>(
    db,
    sql`SELECT 'community:' || id AS key, hub_sync_snapshot('community', id::text) AS snapshot FROM communities
        UNION ALL SELECT 'faq_entry:' || id, hub_sync_snapshot('faq_entry', id::text) FROM faq_entries
        UNION ALL SELECT 'community_update:' || id, hub_sync_snapshot('community_update', id::text) FROM community_updates
        UNION ALL SELECT 'conflict:' || id, hub_sync_snapshot('conflict', id::text) FROM sync_conflicts
        ORDER BY 1`,
  );
  const metas = await queryRows<{ key: string; version: VersionVector; rev_hash: string; deleted: boolean }>(
    db,
    sql`SELECT entity_type || ':' || entity_id AS key, version, rev_hash, deleted FROM sync_metadata ORDER BY 1`,
  );
  const [inbox] = await queryRows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM sync_inbox`);
  return {
    rows: Object.fromEntries(rows.map((r) => [r.key, r.snapshot])),
    versions: Object.fromEntries(metas.map((m) => [m.key, { hash: m.rev_hash, deleted: m.deleted, version: m.version }])) as Record<string, { hash: string; deleted: boolean; version: VersionVector }>,
    inbox: Number(inbox?.n ?? 0),
  };
}

async function resetBoth(pair: SyncPair): Promise<void> {
  for (const instance of [pair.cloud, pair.local]) {
    await instance.core.db.execute(sql`TRUNCATE communities, community_chats, members, documents, chunks, community_updates, faq_entries,
      sync_metadata, sync_conflicts, sync_inbox, sync_followups, sync_leases, sync_peers CASCADE`);
    await instance.core.db.execute(sql`DELETE FROM sync_state WHERE key <> 'instance_id'`);
  }
}
