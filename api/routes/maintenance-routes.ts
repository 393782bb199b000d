import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { HubCore } from '../core/hub-core.ts';
import { JobName } from '../jobs/job-types.ts';
import { readSyncStatus } from '../sync/sync-status.ts';
import { configuredSyncServer, syncWithServer } from '../sync/sync-with-server.ts';
import { invalidInput } from '../errors/app-error.ts';
import { errorResponses } from './error-view.ts';

/** Operator actions that run as background jobs. */
export const maintenanceRoutes: FastifyPluginAsyncZod<{ core: HubCore }> = async (app, { core }) => {
  app.post('/maintenance/reembed', {
    schema: {
      summary: 'Queue re-embedding of every chunk not embedded by the current embedding model',
      response: { 202: z.object({ queued: z.boolean(), detail: z.string() }), ...errorResponses(401, 403) },
    },
  }, async (_request, reply) => {
    const queued = await core.jobs.send(JobName.reembedChunks, { reason: 'api' }, { key: 'reembed' });
    return reply.status(202).send({ queued, detail: queued ? 'queued' : 'a re-embedding job is already queued or running' });
  });

  // `hub sync` asks the running hub through these when it owns the embedded database.
  app.get('/maintenance/sync', {
    schema: { summary: 'Sync mode, last success, pending changes both ways, open conflicts, paired instances', response: { 200: z.any(), ...errorResponses(401) } },
  }, async () => readSyncStatus(core));

  app.post('/maintenance/sync/round', {
    schema: { summary: 'Run one sync round with SYNC_SERVER_URL now and report it', response: { 200: z.any(), ...errorResponses(400, 401) } },
  }, async () => {
    if (!core.config.SYNC_SERVER_URL || !core.config.SYNC_API_KEY) throw invalidInput('This hub has no SYNC_SERVER_URL and SYNC_API_KEY to sync with.');
    return syncWithServer(core, await configuredSyncServer(core));
  });
};
