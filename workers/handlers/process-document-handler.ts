import type { HubCore } from '#api/core/hub-core.ts';
import { processDocument } from '#api/documents/process-document.ts';
import type { JobOutcome, JobPayloads } from '#api/jobs/job-types.ts';
import { JOB_RETRY_LIMIT, type JobContext } from '#api/jobs/job-queue.ts';
import { indexDocument } from '#api/rag/index-document.ts';

/** Job `process-document`: extract, store and index one document. */
export function createProcessDocumentHandler(core: HubCore) {
  const deps = {
    config: core.config,
    db: core.db,
    files: core.files,
    logger: core.logger.child({ job: 'process-document' }),
    indexDocument: (documentId: string) => indexDocument(core.rag, { documentId }),
  };
  return async (payload: JobPayloads['process-document'], job: JobContext): Promise<JobOutcome> =>
    processDocument(deps, { ...payload, attempt: job.attempt, finalAttempt: job.attempt >= JOB_RETRY_LIMIT, signal: job.signal });
}
