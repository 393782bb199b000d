import type { HubCore } from '#api/core/hub-core.ts';
import { requeueUnfinishedDocuments } from '#api/documents/requeue-unfinished-documents.ts';
import { JobName } from '#api/jobs/job-types.ts';
import { createApplySyncFollowupsHandler } from './handlers/apply-sync-followups-handler.ts';
import { createProcessDocumentHandler } from './handlers/process-document-handler.ts';
import { createReembedChunksHandler } from './handlers/reembed-chunks-handler.ts';

/** Starts every job handler of this process and re-queues documents an earlier run left unfinished. */
export async function startWorkers(core: HubCore): Promise<void> {
  const concurrency = core.config.PROCESSING_CONCURRENCY;
  for (let slot = 0; slot < concurrency; slot++) {
    await core.jobs.work(JobName.processDocument, createProcessDocumentHandler(core));
  }
  await core.jobs.work(JobName.reembedChunks, createReembedChunksHandler(core));
  await core.jobs.work(JobName.applySyncFollowups, createApplySyncFollowupsHandler(core));
  // Follow-ups a previous run left (or that pushes received while no worker ran).
  await core.jobs.send(JobName.applySyncFollowups, { reason: 'start' }, { key: 'sync-followups' });
  const requeued = await requeueUnfinishedDocuments({ db: core.db, jobs: core.jobs });
  if (requeued > 0) core.logger.info({ requeued }, 're-queued documents left unfinished by an earlier run');
}
