import type { FastifyInstance } from 'fastify';
import type { HubCore } from '#api/core/hub-core.ts';
import { registerLockedAdminPage } from './locked-admin-page.ts';

export const ADMIN_ROOT_PATH = '/admin';

/**
 * Adds the moderators' panel at /admin to the hub's Fastify app; call it before `listen`, e.g. as the
 * `extend` callback of `startApiServer`. Returns the panel's path, or null when no ADMIN_PASSWORD is
 * set: /admin then only explains how to enable it. AdminJS is imported only when the panel is enabled
 * (importing it costs about 170 MB of memory).
 */
export async function registerAdminPanel(app: FastifyInstance, core: HubCore): Promise<{ path: string } | null> {
  if (!core.config.ADMIN_PASSWORD) {
    await app.register(async (scope) => registerLockedAdminPage(scope, ADMIN_ROOT_PATH));
    return null;
  }
  const { mountAdminPanel } = await import('./panel/mount-admin-panel.ts');
  // A sibling context of the API: see mountAdminPanel for why it cannot share a parent's plugins.
  await app.register(async (scope) => mountAdminPanel(scope, core, ADMIN_ROOT_PATH));
  return { path: ADMIN_ROOT_PATH };
}
