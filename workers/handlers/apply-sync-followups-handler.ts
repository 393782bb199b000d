import type { HubCore } from '#api/core/hub-core.ts';
import type { JobOutcome } from '#api/jobs/job-types.ts';
import { runSyncFollowups } from '#api/sync/run-sync-followups.ts';

/** Indexes, mirrors and delivers what sync brought in (queued after each applied batch). */
export function createApplySyncFollowupsHandler(core: HubCore) {
  return async (): Promise<JobOutcome> => ({ status: 'done', detail: await runSyncFollowups(core) });
}
