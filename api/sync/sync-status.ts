import { desc, eq, sql } from 'drizzle-orm';
import type { HubConfig } from '../config/load-config.ts';
import type { HubDatabase } from '../db/database.ts';
import { syncConflicts, syncKeys, syncPeers } from '../db/schema/index.ts';
import { countAfter } from './read-change-feed.ts';
import { readCursor, readStoredStatus, type StoredSyncStatus } from './sync-state.ts';
import type { PeerStatus } from './sync-wire.ts';

/**
 * The emergency protocol's modes. `standalone`: this instance pulls from no server (a cloud instance,
 * or sync not enabled). `normal`: the last sync round succeeded recently. `offline`: the server cannot
 * be reached; the hub keeps serving and queues its changes. `recovery`: reachable again, catching up.
 */
export const syncModes = ['standalone', 'normal', 'offline', 'recovery'] as const;
export type SyncMode = (typeof syncModes)[number];

/** An instance that synced with this one (seen from the server's side). */
export interface SyncPeerStatus {
  instanceId: string;
  /** The sync key's name. */
  name: string;
  lastSeenAt: string | null;
  /** What the instance reported at its last push. */
  mode: SyncMode | null;
  lastSuccessAt: string | null;
  /** Its changes not yet pushed here, as it reported them. */
  pendingPush: number | null;
  /** Changes here it has not pulled yet. */
  pendingPull: number;
  openConflicts: number | null;
}

/** What /health, `hub sync --status`, `hub doctor`, the admin dashboard and the chat `/status` show. */
export interface SyncStatus {
  mode: SyncMode;
  /** The server this instance syncs with (no credentials), or null. */
  serverUrl: string | null;
  lastSuccessAt: string | null;
  lastAttemptAt: string | null;
  lastError: string | null;
  /** Local changes the server has not acknowledged yet. */
  pendingPush: number;
  /** Server changes not pulled yet, as the server said in the last round; null when unknown. */
  pendingPull: number | null;
  openConflicts: number;
  peers: SyncPeerStatus[];
}

/** A `normal` instance whose last success is older than this many intervals is shown offline (its worker stopped). */
const STALE_INTERVALS = 3;

/** Reads the sync state of this instance; cheap enough for every /health call. */
export async function readSyncStatus(deps: { db: HubDatabase; config: HubConfig }): Promise<SyncStatus> {
  const [conflicts] = await deps.db.select({ open: sql<number>`count(*)::int` }).from(syncConflicts).where(eq(syncConflicts.status, 'open'));
  const openConflicts = Number(conflicts?.open ?? 0);
  const peers = await readPeers(deps.db, deps.config.SYNC_QUESTION_LOG);
  if (!deps.config.SYNC_ENABLED) {
    return { mode: 'standalone', serverUrl: null, lastSuccessAt: null, lastAttemptAt: null, lastError: null, pendingPush: 0, pendingPull: null, openConflicts, peers };
  }
  const stored = await readStoredStatus(deps.db);
  const shareQuestions = deps.config.SYNC_QUESTION_LOG;
  const pendingPush = stored.serverInstanceId
    ? await countAfter(deps.db, await readCursor(deps.db, `push:${stored.serverInstanceId}`), { reader: stored.serverInstanceId, shareQuestions })
    : await countAfter(deps.db, 0, { shareQuestions });
  return {
    mode: effectiveMode(stored, deps.config.SYNC_INTERVAL_MINUTES),
    serverUrl: deps.config.SYNC_SERVER_URL ?? null,
    lastSuccessAt: stored.lastSuccessAt,
    lastAttemptAt: stored.lastAttemptAt,
    lastError: stored.lastError,
    pendingPush,
    pendingPull: stored.pendingPull,
    openConflicts,
    peers,
  };
}

function effectiveMode(stored: StoredSyncStatus, intervalMinutes: number, now = Date.now()): SyncMode {
  // Sync is on but no round has reached the server yet: this instance works from its own data.
  if (stored.mode === 'standalone') return 'offline';
  const last = stored.lastSuccessAt ? Date.parse(stored.lastSuccessAt) : 0;
  if (stored.mode === 'normal' && now - last > STALE_INTERVALS * intervalMinutes * 60_000) return 'offline';
  return stored.mode;
}

async function readPeers(db: HubDatabase, shareQuestions: boolean): Promise<SyncPeerStatus[]> {
  const rows = await db
    .select({ instanceId: syncPeers.instanceId, name: syncKeys.name, lastSeenAt: syncPeers.lastSeenAt, reported: syncPeers.reported, pulledSeq: syncPeers.pulledSeq })
    .from(syncPeers)
    .leftJoin(syncKeys, eq(syncKeys.id, syncPeers.keyId))
    .orderBy(desc(syncPeers.lastSeenAt));
  const peers: SyncPeerStatus[] = [];
  for (const row of rows) {
    const reported = row.reported as Partial<PeerStatus>;
    peers.push({
      instanceId: row.instanceId,
      name: row.name ?? '(revoked key)',
      lastSeenAt: row.lastSeenAt.toISOString(),
      mode: reported.mode ?? null,
      lastSuccessAt: reported.lastSuccessAt ?? null,
      pendingPush: reported.pendingPush ?? null,
      pendingPull: await countAfter(db, row.pulledSeq, { reader: row.instanceId, shareQuestions }),
      openConflicts: reported.openConflicts ?? null,
    });
  }
  return peers;
}
