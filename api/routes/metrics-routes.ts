import type { FastifyPluginAsync } from 'fastify';
import type { Registry } from 'prom-client';
import type { HubCore } from '../core/hub-core.ts';
import { AppError, ErrorCode } from '../errors/app-error.ts';
import { presentsApiToken } from '../http/presents-api-token.ts';

/**
 * GET /metrics in Prometheus' text format; needs the API token when one is set (always in the cloud).
 * prom-client is loaded on the first scrape: an instance nobody scrapes never pays for it.
 */
export const metricsRoutes: FastifyPluginAsync<{ core: HubCore }> = async (app, { core }) => {
  let registry: Promise<Registry> | undefined;
  app.get('/metrics', { schema: { hide: true } }, async (request, reply) => {
    const token = core.config.HUB_API_TOKEN;
    if (token && !presentsApiToken(request.headers.authorization, token)) {
      throw new AppError(ErrorCode.unauthorized, 'Metrics need the API token: send the header "Authorization: Bearer <HUB_API_TOKEN>".');
    }
    registry ??= import('../metrics/hub-metrics.ts').then((module) => module.createHubMetrics(core));
    const metrics = await registry;
    return reply.header('content-type', metrics.contentType).send(await metrics.metrics());
  });
};
