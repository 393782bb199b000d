import type { FastifyInstance } from 'fastify';

/**
 * Everything the panel loads comes from the hub itself: AdminJS's only outside request (a Google
 * Fonts stylesheet; the UI falls back to system fonts) is removed from its pages, and the policy
 * below makes the browser refuse any other one, so the panel behaves the same offline.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  // AdminJS pages carry inline bootstrap scripts and styled-components inserts inline styles.
  "script-src 'self' 'unsafe-inline'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const GOOGLE_FONTS_LINK = /<link[^>]*fonts\.googleapis\.com[^>]*>/g;
const SAFE_METHODS = new Set(['GET', 'HEAD']);

/** Adds the offline page rewrite, security headers and a cross-site request guard to the panel's scope. */
export function hardenAdminResponses(scope: FastifyInstance, rootPath: string): void {
  scope.addHook('onRequest', async (request, reply) => {
    // AdminJS runs actions without forms (some over GET) and has no CSRF tokens. Browsers mark requests
    // started by other sites; those may open pages but never call the panel's API or change anything.
    const site = request.headers['sec-fetch-site'];
    // Judged on the decoded path: the router decodes `/admin/%61pi/...` to the API route too.
    const path = decodedPath(request.url);
    const changesOrReads = !SAFE_METHODS.has(request.method) || path === null || path.toLowerCase().startsWith(`${rootPath}/api/`);
    if (changesOrReads && (site === 'cross-site' || site === 'same-site')) {
      return reply.status(403).type('text/plain; charset=utf-8').send('Requests from other sites are not accepted by the admin panel.');
    }
  });
  scope.addHook('onSend', async (_request, reply, payload) => {
    reply.header('content-security-policy', CONTENT_SECURITY_POLICY);
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'same-origin');
    const type = String(reply.getHeader('content-type') ?? '');
    return type.startsWith('text/html') && typeof payload === 'string' ? payload.replace(GOOGLE_FONTS_LINK, '') : payload;
  });
}

/** The URL's path as the router will match it, or null when its percent-encoding is broken. */
function decodedPath(url: string): string | null {
  try {
    return decodeURIComponent(url.split('?')[0]!);
  } catch {
    return null;
  }
}
