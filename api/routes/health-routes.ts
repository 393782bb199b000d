import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { HubCore } from '../core/hub-core.ts';
import { checkReadiness, pingDatabase } from '../core/check-readiness.ts';
import { describeComponents } from '../core/describe-components.ts';
import { presentsApiToken } from '../http/presents-api-token.ts';
import { readSyncStatus, syncModes } from '../sync/sync-status.ts';

const component = z.object({ up: z.boolean(), detail: z.string() });
const syncSummary = z.object({
  mode: z.enum(syncModes),
  lastSuccessAt: z.string().nullable(),
  pendingPush: z.number(),
  pendingPull: z.number().nullable(),
  openConflicts: z.number(),
});
const health = z.object({
  status: z.enum(['ok', 'degraded', 'down']),
  mode: z.string(),
  uptimeSeconds: z.number(),
  /** The emergency protocol's mode (standalone, normal, offline, recovery) and what waits to sync. */
  sync: syncSummary.optional(),
  /** Only for callers with the API token when one is set: names of hosts, databases and models. */
  components: z.record(z.string(), component).optional(),
});
const probe = z.object({ status: z.string(), detail: z.string().optional() });

/**
 * `/health` (overall status and the sync mode with what waits to sync; component details only with the API token when one is set, since they
 * name the database host, user and models), `/health/live` (the process answers: restart it if not)
 * and `/health/ready` (send it traffic: started, not stopping, database answering).
 */
export const healthRoutes: FastifyPluginAsyncZod<{ core: HubCore }> = async (app, { core }) => {
  const token = core.config.HUB_API_TOKEN;
  app.get('/health', {
    schema: {
      summary: 'Overall status; component details need the API token when one is set',
      response: { 200: health, 503: health },
    },
  }, async (request, reply) => {
    const database = await pingDatabase(core);
    const uptimeSeconds = Math.round((Date.now() - core.startedAt.getTime()) / 1000);
    const showDetails = !token || presentsApiToken(request.headers.authorization, token);
    const components = showDetails ? { database, ...describeComponents(core.config, core.rag) } : undefined;
    const sync = database.up ? await summariseSync(core) : undefined;
    const body = { status: database.up ? ('ok' as const) : ('down' as const), mode: core.config.DEPLOYMENT_MODE, uptimeSeconds, sync, components };
    return reply.status(database.up ? 200 : 503).send(body);
  });

  app.get('/health/live', {
    schema: { summary: 'Liveness: the process answers (no dependency is checked)', response: { 200: probe } },
  }, async () => ({ status: 'alive' }));

  app.get('/health/ready', {
    schema: { summary: 'Readiness: started, not shutting down, database answering', response: { 200: probe, 503: probe } },
  }, async (_request, reply) => {
    const readiness = await checkReadiness(core);
    return reply.status(readiness.ready ? 200 : 503).send({ status: readiness.status });
  });
};

/** Counts and times only: the server's address and the last error stay in `hub sync --status`. */
async function summariseSync(core: HubCore): Promise<z.infer<typeof syncSummary>> {
  const status = await readSyncStatus(core);
  return { mode: status.mode, lastSuccessAt: status.lastSuccessAt, pendingPush: status.pendingPush, pendingPull: status.pendingPull, openConflicts: status.openConflicts };
}
