import { parseArgs } from 'node:util';
import { createHubCore } from '#api/core/hub-core.ts';
import { ErrorCode, isAppError } from '#api/errors/app-error.ts';
import { JobName } from '#api/jobs/job-types.ts';
import { createReembedChunksHandler } from '#workers/handlers/reembed-chunks-handler.ts';
import { createCliContext } from '../cli-context.ts';

/**
 * `hub reembed`: queues the re-embedding job. Without a running hub it also runs it here and waits;
 * with one (the embedded database is in use), that hub's workers run it.
 */
export async function runReembed(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { verbose: { type: 'boolean', default: false } } });
  const { config, logger } = createCliContext(values.verbose);
  let core;
  try {
    core = await createHubCore(config, logger);
  } catch (error) {
    if (!isAppError(error) || error.code !== ErrorCode.dataDirLocked) throw error;
    return queueOnRunningHub(`http://${config.HOST === '0.0.0.0' ? '127.0.0.1' : config.HOST}:${config.PORT}`, config.HUB_API_TOKEN);
  }
  try {
    const handler = createReembedChunksHandler(core);
    const finished = new Promise<unknown>((resolve, reject) => {
      void core.jobs.work(JobName.reembedChunks, async (payload) => {
        try {
          const outcome = await handler(payload);
          resolve(outcome);
          return outcome;
        } catch (error) {
          reject(error);
          throw error;
        }
      });
    });
    await core.jobs.send(JobName.reembedChunks, { reason: 'cli' }, { key: 'reembed' });
    const outcome = (await finished) as { detail?: { model?: string; reembedded?: number } };
    console.log(`Re-embedded ${outcome.detail?.reembedded ?? 0} chunks with ${outcome.detail?.model ?? 'the current model'}.`);
    return 0;
  } finally {
    await core.close();
  }
}

async function queueOnRunningHub(baseUrl: string, token: string | undefined): Promise<number> {
  const response = await fetch(new URL('/api/maintenance/reembed', baseUrl), {
    method: 'POST',
    headers: token ? { authorization: `Bearer ${token}` } : {},
    signal: AbortSignal.timeout(10_000),
  });
  const body = (await response.json()) as { detail?: string; error?: { message: string } };
  console.log(response.ok ? `The running hub at ${baseUrl}: ${body.detail}.` : `The running hub refused: ${body.error?.message}`);
  return response.ok ? 0 : 1;
}
