import type { HubCore } from '#api/core/hub-core.ts';
import { JobName } from '#api/jobs/job-types.ts';
import { runSyncFollowups } from '#api/sync/run-sync-followups.ts';
import { nextRoundDelaySeconds } from '#api/sync/sync-mode.ts';
import { configuredSyncServer, syncWithServer } from '#api/sync/sync-with-server.ts';

/** Only one round is pending at a time; the round that runs schedules the next one. */
const ROUND_KEY = 'sync-round';

/**
 * The sync role: when SYNC_ENABLED, runs a round with the server every SYNC_INTERVAL_MINUTES through
 * pg-boss (sooner while catching up, backing off with jitter while the server is unreachable). A round
 * that dies with its process is retried by the queue and resumes from the last acknowledged cursors.
 * Returns false when sync is not enabled (nothing to run).
 */
export async function startSyncWorker(core: HubCore, options: { fetch?: typeof fetch } = {}): Promise<boolean> {
  if (!core.config.SYNC_ENABLED) return false;
  const server = await configuredSyncServer(core, options.fetch);
  await core.jobs.work(JobName.syncRound, async () => {
    let delay = core.config.SYNC_INTERVAL_MINUTES * 60;
    try {
      const result = await syncWithServer(core, server);
      delay = nextRoundDelaySeconds(result.status, core.config.SYNC_INTERVAL_MINUTES);
      await runSyncFollowups(core);
      return result.ok ? { status: 'done', detail: { mode: result.status.mode, ...result.report } } : { status: 'skipped', reason: result.error ?? 'failed' };
    } finally {
      await core.jobs.send(JobName.syncRound, { reason: 'schedule' }, { key: ROUND_KEY, delaySeconds: delay });
    }
  });
  await core.jobs.send(JobName.syncRound, { reason: 'start' }, { key: ROUND_KEY });
  return true;
}
