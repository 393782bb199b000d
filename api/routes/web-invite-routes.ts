import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { HubCore } from '../core/hub-core.ts';
import { AppError, ErrorCode, notFound } from '../errors/app-error.ts';
import { generateAccessCode, setWebAccessCode } from '../web/set-web-access-code.ts';
import { findWebCommunity } from '../web/web-access.ts';
import { errorResponses } from './error-view.ts';

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);
const accessCodeView = z.object({ slug: z.string(), name: z.string(), code: z.string().nullable() });
const params = z.object({ slug: z.string().min(1) });

/**
 * Reading and setting a community's access code (`hub invite` uses these while a hub owns the
 * embedded database). A hub without an API token is open to its network, so then only the hub's own
 * machine may do this; with a token, the token holder may.
 */
export const webInviteRoutes: FastifyPluginAsyncZod<{ core: HubCore }> = async (app, { core }) => {
  app.addHook('onRequest', async (request) => {
    if (core.config.HUB_API_TOKEN || LOOPBACK.has(request.socket.remoteAddress ?? '')) return;
    throw new AppError(ErrorCode.forbidden, 'Access codes are set on the hub\'s own machine (`hub invite`), or with the API token.');
  });

  app.get('/communities/:slug/access-code', {
    schema: { summary: 'A community\'s access code for the members\' page (null: open)', params, response: { 200: accessCodeView, ...errorResponses(401, 403, 404) } },
  }, async (request) => {
    const community = await findWebCommunity(core.db, request.params.slug);
    if (!community) throw notFound(`There is no community "${request.params.slug}".`);
    return { slug: community.slug, name: community.name, code: community.code };
  });

  app.put('/communities/:slug/access-code', {
    schema: {
      summary: 'Require a code for a community\'s members\' page, generate a new one, or open the page',
      params,
      body: z.union([z.object({ code: z.string().nullable() }), z.object({ generate: z.literal(true) })]),
      response: { 200: accessCodeView, ...errorResponses(400, 401, 403, 404) },
    },
  }, async (request) => {
    const code = 'generate' in request.body ? generateAccessCode() : request.body.code;
    return setWebAccessCode(core.db, request.params.slug, code);
  });
};
