import type { HubCore } from '#api/core/hub-core.ts';
import type { JobOutcome, JobPayloads } from '#api/jobs/job-types.ts';
import { reembedAll } from '#api/rag/reembed-all.ts';

/** Job `reembed-chunks`: re-embed every chunk not embedded by the current model. */
export function createReembedChunksHandler(core: HubCore) {
  return async (payload: JobPayloads['reembed-chunks']): Promise<JobOutcome> => {
    const result = await reembedAll(core.rag, {});
    core.logger.info({ reason: payload.reason, ...result }, 're-embedding finished');
    return { status: 'done', detail: { ...result } };
  };
}
