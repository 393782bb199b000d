import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { HubCore } from '../core/hub-core.ts';
import { BUILT_PAGE_DIR, loadPageFiles, type PageFile } from '../web/load-page-files.ts';

/** Only same-origin code, styles and requests: the page never loads anything from elsewhere. */
const PAGE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "worker-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Names with a content hash never change; everything else is revalidated (the service worker updates itself). */
const IMMUTABLE = 'public, max-age=31536000, immutable';
const REVALIDATE = 'no-cache';

export interface WebPageOptions {
  core: HubCore;
  /** The built page (tests build into a temporary folder). */
  pageDir?: string;
}

/** The members' chat page at `/` and its files, served from memory; a clear 503 page when it was not built. */
export const webPageRoutes: FastifyPluginAsync<WebPageOptions> = async (app, { core, pageDir = BUILT_PAGE_DIR }) => {
  const files = await loadPageFiles(pageDir);
  if (!files) {
    core.logger.warn({ pageDir }, 'the members\' web page is not built: run `npm run build:web` (npm install does it)');
    app.get('/', { schema: { hide: true } }, async (_request, reply) =>
      reply.status(503).type('text/html; charset=utf-8').send(NOT_BUILT_PAGE),
    );
    return;
  }
  const index = files.get('/index.html')!;
  app.get('/', { schema: { hide: true } }, (request, reply) => sendPageFile(request, reply, index, REVALIDATE));
  for (const [urlPath, file] of files) {
    const cache = urlPath.startsWith('/assets/') ? IMMUTABLE : REVALIDATE;
    app.get(urlPath, { schema: { hide: true } }, (request, reply) => sendPageFile(request, reply, file, cache));
  }
};

function sendPageFile(request: FastifyRequest, reply: FastifyReply, file: PageFile, cacheControl: string): FastifyReply {
  void reply
    .header('content-type', file.contentType)
    .header('cache-control', cacheControl)
    .header('etag', file.etag)
    .header('vary', 'accept-encoding')
    .header('x-content-type-options', 'nosniff')
    .header('referrer-policy', 'no-referrer');
  if (file.contentType.startsWith('text/html')) void reply.header('content-security-policy', PAGE_CSP);
  if (request.headers['if-none-match'] === file.etag) return reply.status(304).send();
  const accepted = String(request.headers['accept-encoding'] ?? '');
  if (file.brotli && /\bbr\b/.test(accepted)) return reply.header('content-encoding', 'br').send(file.brotli);
  if (file.gzip && /\bgzip\b/.test(accepted)) return reply.header('content-encoding', 'gzip').send(file.gzip);
  return reply.send(file.body);
}

const NOT_BUILT_PAGE = `<!doctype html><html lang="en"><meta charset="utf-8"><title>Page not built</title>
<h1>The members' page is not built</h1>
<p>Run <code>npm install</code> (or <code>npm run build:web</code>) in the hub's folder, then restart the hub. The API at <a href="/docs">/docs</a> works meanwhile.</p></html>`;
