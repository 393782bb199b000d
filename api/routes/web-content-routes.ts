import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { HubCore } from '../core/hub-core.ts';
import { AppError, ErrorCode, notFound } from '../errors/app-error.ts';
import { readSyncStatus } from '../sync/sync-status.ts';
import { createAccessAttempts } from '../web/access-attempts.ts';
import { findDownloadableDocument } from '../web/find-downloadable-document.ts';
import { listFaqEntries, listRecentUpdates } from '../web/read-community-news.ts';
import { accessCookieName, accessCookieValue, admitWebMember, findWebCommunity, isAdmitted, readCookies } from '../web/web-access.ts';
import { errorResponses } from './error-view.ts';

const communityQuery = z.object({ community: z.string().trim().min(1).optional() });
/** A member stays admitted for a year on that device; a new code shuts them out sooner. */
const ACCESS_COOKIE_MAX_AGE_SECONDS = 365 * 24 * 3600;

const statusView = z.object({
  deploymentMode: z.string(),
  sync: z.object({ mode: z.string() }),
  community: z.object({ slug: z.string(), name: z.string(), accessCodeRequired: z.boolean(), admitted: z.boolean() }).nullable(),
  uploadMaxBytes: z.number(),
});

/** What the members' page reads: the hub's state, the access code check, FAQ, updates and original files. */
export const webContentRoutes: FastifyPluginAsyncZod<{ core: HubCore }> = async (app, { core }) => {
  const attempts = createAccessAttempts();

  app.get('/status', {
    schema: {
      summary: 'The members\' page header: deployment and sync mode, the community and whether this browser is admitted',
      querystring: communityQuery,
      response: { 200: statusView, ...errorResponses(401, 404) },
    },
  }, async (request) => {
    const sync = await readSyncStatus({ db: core.db, config: core.config });
    const slug = request.query.community;
    const community = slug ? await findWebCommunity(core.db, slug) : null;
    if (slug && !community) throw notFound(`There is no community "${slug}" on this hub. Check the link you were given.`);
    return {
      deploymentMode: core.config.DEPLOYMENT_MODE,
      sync: { mode: sync.mode },
      community: community && {
        slug: community.slug,
        name: community.name,
        accessCodeRequired: community.accessCodeRequired,
        admitted: isAdmitted(community, readCookies(request.headers.cookie)),
      },
      uploadMaxBytes: core.config.UPLOAD_MAX_BYTES,
    };
  });

  app.post('/communities/:slug/access', {
    schema: {
      summary: 'Enter a community\'s access code; sets the cookie that admits this browser',
      params: z.object({ slug: z.string().min(1) }),
      body: z.object({ code: z.string().trim().min(1, 'enter the access code').max(200) }),
      response: { 204: z.null(), ...errorResponses(400, 401, 403, 404) },
    },
  }, async (request, reply) => {
    const client = request.socket.remoteAddress ?? 'unknown';
    const wait = attempts.waitSeconds(client);
    if (wait > 0) throw new AppError(ErrorCode.forbidden, `Too many wrong codes from this device: try again in ${Math.ceil(wait / 60)} minutes.`, { details: { reason: 'too_many_attempts' } });
    const community = await findWebCommunity(core.db, request.params.slug);
    if (!community) throw notFound(`There is no community "${request.params.slug}" on this hub.`);
    if (community.code && request.body.code !== community.code) {
      attempts.recordWrong(client);
      throw new AppError(ErrorCode.forbidden, 'That code is not right. Ask the person who invited you for the current code.', { details: { reason: 'wrong_access_code' } });
    }
    const cookie = [
      `${accessCookieName(community.slug)}=${accessCookieValue(community.slug, community.code ?? '')}`,
      'Path=/api/web',
      `Max-Age=${ACCESS_COOKIE_MAX_AGE_SECONDS}`,
      'HttpOnly',
      'SameSite=Strict',
      ...(request.protocol === 'https' ? ['Secure'] : []),
    ].join('; ');
    return reply.header('set-cookie', cookie).status(204).send(null);
  });

  app.get('/faq', {
    schema: {
      summary: 'Curated questions and answers for the community (and global ones)',
      querystring: communityQuery,
      response: { 200: z.object({ entries: z.array(z.object({ id: z.string(), question: z.string(), answer: z.string(), updatedAt: z.string() })) }), ...errorResponses(401, 403, 404) },
    },
  }, async (request) => {
    const community = await admitWebMember(core.db, request.query.community, readCookies(request.headers.cookie));
    return { entries: await listFaqEntries(core.db, community?.id ?? null) };
  });

  app.get('/updates', {
    schema: {
      summary: 'Current community updates, newest first',
      querystring: communityQuery,
      response: {
        200: z.object({ updates: z.array(z.object({ id: z.string(), title: z.string(), body: z.string(), publishedAt: z.string(), expiresAt: z.string().nullable() })) }),
        ...errorResponses(401, 403, 404),
      },
    },
  }, async (request) => {
    const community = await admitWebMember(core.db, request.query.community, readCookies(request.headers.cookie));
    return { updates: await listRecentUpdates(core.db, community?.id ?? null) };
  });

  app.get('/documents/:id/file', {
    schema: {
      summary: 'The original file of a document the answers may cite to this member (approved and processed)',
      description: 'PDFs open in the browser (append `#page=N`); other types download. Uploads waiting for review are never served.',
      params: z.object({ id: z.string().min(1) }),
      querystring: communityQuery,
      response: { 200: z.any().describe('the file'), ...errorResponses(401, 403, 404) },
    },
  }, async (request, reply) => {
    const community = await admitWebMember(core.db, request.query.community, readCookies(request.headers.cookie));
    const row = await findDownloadableDocument(core.db, request.params.id, community);
    const file = core.files.pathOf(row.rawFileKey);
    const size = await stat(file).then((s) => s.size, () => null);
    if (size === null) throw notFound('The original file is not on this hub (only its text is).');
    const inline = row.fileType === 'pdf';
    void reply
      .header('content-type', row.mimeType)
      .header('content-length', size)
      .header('content-disposition', `${inline ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(row.filename)}`)
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'private, max-age=3600');
    // Member-visible files came from uploads: never let one run as a page of this origin.
    if (!inline) void reply.header('content-security-policy', 'sandbox');
    return reply.send(createReadStream(file));
  });
};
