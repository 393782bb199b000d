import { eq, sql } from 'drizzle-orm';
import type { HubCore } from '../core/hub-core.ts';
import { syncConflicts } from '../db/schema/index.ts';
import { describeError } from '../errors/app-error.ts';
import { exchangeWithServer, type ExchangeReport, type SyncProgress } from './exchange-with-server.ts';
import { createHttpSyncServer, isUnreachable, type SyncServer } from './http-sync-server.ts';
import { readInstanceId } from './instance-id.ts';
import { countAfter } from './read-change-feed.ts';
import { statusAfterFailure, statusAfterSuccess, statusAtContact } from './sync-mode.ts';
import { readStoredStatus, writeStoredStatus, readCursor, type StoredSyncStatus } from './sync-state.ts';
import type { PeerStatus } from './sync-wire.ts';

export interface RoundResult {
  ok: boolean;
  status: StoredSyncStatus;
  report: ExchangeReport | null;
  error: string | null;
}

/** The configured server (SYNC_SERVER_URL, SYNC_API_KEY), as this instance reaches it. */
export async function configuredSyncServer(core: HubCore, fetchImpl?: typeof fetch): Promise<SyncServer> {
  const { SYNC_SERVER_URL: baseUrl, SYNC_API_KEY: key } = core.config;
  if (!baseUrl || !key) throw new Error('SYNC_SERVER_URL and SYNC_API_KEY must be set to sync');
  return createHttpSyncServer({ baseUrl, key, instanceId: await readInstanceId(core.db), fetch: fetchImpl });
}

/**
 * One round of the emergency protocol: reach the server, exchange, and record the mode that follows
 * (normal, recovery while catching up, offline when the server cannot be reached). A mode change is
 * logged once. Never throws for a server problem: the hub keeps serving and the next round retries.
 */
export async function syncWithServer(core: HubCore, server: SyncServer, onProgress?: (progress: SyncProgress) => void): Promise<RoundResult> {
  const previous = await readStoredStatus(core.db);
  let status = previous;
  try {
    const info = await server.info();
    status = statusAtContact(previous, new Date(), server.url, info.instanceId);
    await writeStoredStatus(core.db, status);
    noteModeChange(core, previous, status);
    const report = await exchangeWithServer(core, server, info, {
      onProgress,
      status: () => reportedStatus(core, status, info.instanceId),
      processForServer: core.config.DEPLOYMENT_MODE === 'local',
    });
    const finished = statusAfterSuccess(status, new Date(), report.pending);
    await writeStoredStatus(core.db, finished);
    noteModeChange(core, status, finished);
    core.logger.info({ part: 'sync', ...report, mode: finished.mode }, 'sync round finished');
    return { ok: true, status: finished, report, error: null };
  } catch (error) {
    const message = describeError(error);
    const failed = statusAfterFailure(status, new Date(), server.url, message);
    await writeStoredStatus(core.db, failed);
    noteModeChange(core, status, failed);
    if (!isUnreachable(error)) core.logger.error({ err: error, part: 'sync' }, 'sync round failed');
    return { ok: false, status: failed, report: null, error: message };
  }
}

async function reportedStatus(core: HubCore, status: StoredSyncStatus, serverId: string): Promise<PeerStatus> {
  const [conflicts] = await core.db.select({ n: sql<number>`count(*)::int` }).from(syncConflicts).where(eq(syncConflicts.status, 'open'));
  return {
    mode: status.mode,
    pendingPush: await countAfter(core.db, await readCursor(core.db, `push:${serverId}`), { reader: serverId, shareQuestions: core.config.SYNC_QUESTION_LOG }),
    openConflicts: Number(conflicts?.n ?? 0),
    lastSuccessAt: status.lastSuccessAt,
  };
}

/** Tells answering whether Groq is worth trying, and logs a change of mode (once, not every round). */
function noteModeChange(core: HubCore, before: StoredSyncStatus, after: StoredSyncStatus): void {
  core.rag.connectivity.offline = after.mode === 'offline';
  if (before.mode === after.mode) return;
  const log = core.logger.child({ part: 'sync', from: before.mode, to: after.mode });
  if (after.mode === 'offline') log.warn({ error: after.lastError }, 'sync server unreachable: offline mode, serving from local data and queueing changes');
  else if (after.mode === 'recovery') log.info('sync server reachable: catching up');
  else log.info('sync caught up: normal mode');
}
