import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { HubCore } from './core/hub-core.ts';
import { installErrorHandler } from './http/error-handler.ts';
import { refuseCrossSiteRequests } from './http/refuse-cross-site-requests.ts';
import { requireApiToken } from './http/require-api-token.ts';
import { askRoutes } from './routes/ask-routes.ts';
import { documentsRoutes } from './routes/documents-routes.ts';
import { healthRoutes } from './routes/health-routes.ts';
import { maintenanceRoutes } from './routes/maintenance-routes.ts';
import { syncRoutes } from './routes/sync-routes.ts';
import { webApiRoutes } from './routes/web-api-routes.ts';
import { webPageRoutes } from './routes/web-page-routes.ts';
import { metricsRoutes } from './routes/metrics-routes.ts';

export interface HubApiOptions {
  core: HubCore;
  /** Where the members' page was built (default web/dist; tests build into a temporary folder). */
  webPageDir?: string;
}

/**
 * The hub's HTTP API as a Fastify plugin: `/health`, `/docs` (OpenAPI), the token-protected `/api`
 * routes and the members' page at `/`. The server entry and the tests register it on their own Fastify instance.
 */
export const hubApi = fp<HubApiOptions>(
  async (root, { core, webPageDir }) => {
    root.setValidatorCompiler(validatorCompiler);
    root.setSerializerCompiler(serializerCompiler);
    installErrorHandler(root);
    await root.register(swagger, {
      openapi: {
        info: { title: 'Community Resilience Hub API', version: '0.1.0', description: 'Documents in, cited answers out.' },
        components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
        security: core.config.HUB_API_TOKEN ? [{ bearer: [] }] : [],
      },
      transform: jsonSchemaTransform,
    });
    await root.register(swaggerUi, { routePrefix: '/docs' });
    const app = root.withTypeProvider<ZodTypeProvider>();
    await app.register(healthRoutes, { core });
    await app.register(webPageRoutes, { core, pageDir: webPageDir });
    await app.register(metricsRoutes, { core });
    await app.register(
      async (api: FastifyInstance) => {
        // Without a token anyone who reaches the hub may act, so other web sites must not act through a visitor.
        if (!core.config.HUB_API_TOKEN) refuseCrossSiteRequests(api, { allowedHosts: core.config.ALLOWED_HOSTS });
        requireApiToken(api, core.config.HUB_API_TOKEN);
        // Limits are set per route (`config.rateLimit`), for routes that cost real work.
        await api.register(rateLimit, { global: false });
        await api.register(multipart, { limits: { fileSize: core.config.UPLOAD_MAX_BYTES, files: 1, fields: 10, fieldSize: 10_000 } });
        await api.register(documentsRoutes, { core });
        await api.register(askRoutes, { core });
        await api.register(maintenanceRoutes, { core });
        await api.register(webApiRoutes, { core, prefix: '/web' });
      },
      { prefix: '/api' },
    );
    // A sibling of /api, not inside it: sync routes take a sync key instead of HUB_API_TOKEN.
    await app.register(syncRoutes, { prefix: '/api/sync', core });
  },
  { name: 'hub-api', fastify: '5.x' },
);
