import type { HubCore } from '#api/core/hub-core.ts';
import { startApiServer } from '#api/server.ts';
import { registerAdminPanel } from '#admin/register-admin-panel.ts';
import type { RunningRole } from './hub-role.ts';

/**
 * Role `api`: the HTTP API, its docs, health and metrics, and the admin panel. Stopping closes the
 * listener at once and lets requests in flight (answers being streamed) finish until the deadline.
 */
export async function startApiRole(core: HubCore): Promise<RunningRole> {
  let adminPath: string | undefined;
  const { app, url } = await startApiServer(core, async (server) => {
    adminPath = (await registerAdminPanel(server, core))?.path;
  });
  return {
    report: { url, adminPath },
    async stop(deadline) {
      const closing = app.close();
      // Past the deadline, open connections (a slow answer stream) are cut so the process can end.
      const cut = setTimeout(() => app.server.closeAllConnections(), Math.max(0, deadline - Date.now()));
      await closing;
      clearTimeout(cut);
    },
  };
}
