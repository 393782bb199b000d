import { eq, sql } from 'drizzle-orm';
import type { HubConfig } from '../config/load-config.ts';
import type { HubDatabase } from '../db/database.ts';
import { syncConflicts } from '../db/schema/index.ts';

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

/** Reads the sync state of this instance; cheap enough for every /health call. */
export async function readSyncStatus(deps: { db: HubDatabase; config: HubConfig }): Promise<SyncStatus> {
  const [conflicts] = await deps.db.select({ open: sql<number>`count(*)::int` }).from(syncConflicts).where(eq(syncConflicts.status, 'open'));
  return {
    mode: 'standalone',
    serverUrl: deps.config.SYNC_ENABLED && deps.config.SYNC_SERVER_URL ? deps.config.SYNC_SERVER_URL : null,
    lastSuccessAt: null,
    lastAttemptAt: null,
    lastError: null,
    pendingPush: 0,
    pendingPull: null,
    openConflicts: Number(conflicts?.open ?? 0),
    peers: [],
  };
}
