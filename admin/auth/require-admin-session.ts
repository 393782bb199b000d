import type { FastifyInstance } from 'fastify';

declare module 'fastify' {
  /** What @adminjs/fastify keeps in the panel's session: the logged-in moderator and where to return after login. */
  interface Session {
    adminUser?: { email: string; title?: string };
    redirectTo?: string;
  }
}

export interface AdminPaths {
  rootPath: string;
  loginPath: string;
  logoutPath: string;
}

/**
 * Every panel route needs a logged-in session except the login and logout pages and the static
 * assets, judged by the route that matched, never by the URL text. @adminjs/fastify 4.2 skips its own
 * check when an asset path appears anywhere in the URL, query string included, so
 * `/admin/api/resources/documents/actions/list?x=/frontend/assets/app.bundle.js` answered without a
 * login (tried on this codebase); this hook closes that.
 */
export function requireAdminSession(scope: FastifyInstance, paths: AdminPaths): void {
  const publicRoutes = new Set([paths.loginPath, paths.logoutPath]);
  const assets = `${paths.rootPath}/frontend/assets/`;
  scope.addHook('preHandler', async (request, reply) => {
    const route = request.routeOptions.url ?? '';
    if (publicRoutes.has(route) || route.startsWith(assets)) return;
    if (request.session.get('adminUser')) return;
    return reply.redirect(paths.loginPath);
  });
}
