import type { HubCore } from '#api/core/hub-core.ts';
import { startWorkers } from '#workers/start-workers.ts';
import type { RunningRole } from './hub-role.ts';

/**
 * Role `workers`: document processing and re-embedding from the pg-boss queue. Any number of worker
 * processes may share one PostgreSQL: pg-boss hands each job to one of them. Stopping waits for jobs in
 * flight until the deadline; what is left is failed back to the queue (retried) and its parser killed.
 */
export async function startWorkersRole(core: HubCore): Promise<RunningRole> {
  await startWorkers(core);
  return {
    async stop(deadline) {
      await core.jobs.stop(Math.max(0, deadline - Date.now()));
    },
  };
}
