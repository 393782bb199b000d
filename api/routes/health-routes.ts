import { sql } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { HubCore } from '../core/hub-core.ts';
import { describeComponents } from '../core/describe-components.ts';

const component = z.object({ up: z.boolean(), detail: z.string() });

/** Liveness plus which parts are up; 503 when the database is not answering. */
export const healthRoutes: FastifyPluginAsyncZod<{ core: HubCore }> = async (app, { core }) => {
  app.get('/health', {
    schema: {
      summary: 'Liveness and component status',
      response: {
        200: z.object({ status: z.enum(['ok', 'degraded']), mode: z.string(), uptimeSeconds: z.number(), components: z.record(z.string(), component) }),
        503: z.object({ status: z.literal('down'), mode: z.string(), uptimeSeconds: z.number(), components: z.record(z.string(), component) }),
      },
    },
  }, async (_request, reply) => {
    const database = await pingDatabase(core);
    const components = { database, ...describeComponents(core.config, core.rag) };
    const uptimeSeconds = Math.round((Date.now() - core.startedAt.getTime()) / 1000);
    if (!database.up) return reply.status(503).send({ status: 'down', mode: core.config.DEPLOYMENT_MODE, uptimeSeconds, components });
    return { status: 'ok' as const, mode: core.config.DEPLOYMENT_MODE, uptimeSeconds, components };
  });
};

async function pingDatabase(core: HubCore): Promise<{ up: boolean; detail: string }> {
  try {
    await core.db.execute(sql`SELECT 1`);
    return { up: true, detail: `${core.database.engine} at ${core.database.location}` };
  } catch (error) {
    return { up: false, detail: `${core.database.engine} not answering: ${(error as Error).message}` };
  }
}
