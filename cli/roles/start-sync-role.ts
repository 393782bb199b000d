import type { HubCore } from '#api/core/hub-core.ts';
import { AppError, ErrorCode } from '#api/errors/app-error.ts';
import { startSyncWorker } from '#workers/sync/start-sync-worker.ts';
import type { RunningRole } from './hub-role.ts';

/**
 * Role `sync`: rounds with the cloud (SYNC_SERVER_URL) every SYNC_INTERVAL_MINUTES, through the
 * pg-boss queue with one pending round per instance, so a second sync process adds nothing but is
 * harmless. The queue (and a round in flight) stops with the core.
 */
export async function startSyncRole(core: HubCore): Promise<RunningRole> {
  const started = await startSyncWorker(core);
  if (!started) {
    throw new AppError(ErrorCode.configInvalid, 'The sync role needs SYNC_ENABLED=true with SYNC_SERVER_URL and SYNC_API_KEY (see "Pairing a local instance with the cloud" in the README).');
  }
  return { report: { syncServer: core.config.SYNC_SERVER_URL ?? undefined }, stop: async () => {} };
}
