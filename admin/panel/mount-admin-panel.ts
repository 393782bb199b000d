import { buildAuthenticatedRouter } from '@adminjs/fastify';
import type { FastifyInstance } from 'fastify';
import type { HubCore } from '#api/core/hub-core.ts';
import { createAdminAuthentication } from '../auth/create-admin-authentication.ts';
import { requireAdminSession } from '../auth/require-admin-session.ts';
import { bundleAdminComponents } from './bundle-admin-components.ts';
import { createAdminJs } from './create-admin-js.ts';
import { hardenAdminResponses } from './harden-admin-responses.ts';

/**
 * Puts the AdminJS panel on `scope`, which must be a context of its own (a sibling of the API, not
 * a child of anything that registers cookie, session, formbody or multipart: @adminjs/fastify adds
 * those itself and Fastify refuses a second decorator).
 */
export async function mountAdminPanel(scope: FastifyInstance, core: HubCore, rootPath: string): Promise<void> {
  const logger = core.logger.child({ part: 'admin' });
  const admin = createAdminJs(core, rootPath);
  const started = Date.now();
  try {
    const built = await bundleAdminComponents(admin);
    logger.debug({ built, ms: Date.now() - started }, 'admin components bundle ready');
  } catch (error) {
    // The panel still works; only the custom forms (Reject with reason) are missing.
    logger.error({ err: error }, 'could not bundle the admin components into .adminjs/ (is the directory writable?); the Reject form will not load');
  }
  // @adminjs/fastify calls initialize() without awaiting it; with NODE_ENV=production that would
  // bundle again, into the same file, while the first requests may read it. The bundle is built above.
  admin.initialize = async () => {};
  hardenAdminResponses(scope, rootPath);
  requireAdminSession(scope, { rootPath, loginPath: admin.options.loginPath, logoutPath: admin.options.logoutPath });
  const { auth, session } = createAdminAuthentication(core.config, rootPath, logger, core.db);
  await buildAuthenticatedRouter(admin, auth, scope, session);
}
