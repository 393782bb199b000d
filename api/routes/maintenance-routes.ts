import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { HubCore } from '../core/hub-core.ts';
import { JobName } from '../jobs/job-types.ts';
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
};
