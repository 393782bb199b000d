import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HubCore } from '#api/core/hub-core.ts';
import { adminSessions } from '#api/db/schema/index.ts';
import { buildServer } from '#api/server.ts';
import { createTestCore } from '#test/support/test-core.ts';
import { testEngine } from '#test/support/test-database.ts';
import { registerAdminPanel } from './register-admin-panel.ts';
import { ADMIN_TEST_PASSWORD, logInAsAdmin } from './test-support/admin-session.ts';

/** A panel as a fresh process would mount it: new server, new in-memory state, the same database and secret. */
async function startPanel(core: HubCore): Promise<FastifyInstance> {
  const app = await buildServer(core);
  await registerAdminPanel(app, core);
  return app;
}

describe(`admin sessions on ${testEngine}`, () => {
  let core: HubCore;
  beforeAll(async () => {
    core = await createTestCore({ ADMIN_PASSWORD: ADMIN_TEST_PASSWORD, ADMIN_SESSION_SECRET: 's'.repeat(40) });
  });
  afterAll(async () => {
    await core?.close();
  });

  it('keeps a moderator logged in across a restart, stores no visitor sessions, and forgets a logout', async () => {
    const first = await startPanel(core);
    // A visitor sent to the login page gets a session, but not a row.
    expect((await first.inject({ method: 'GET', url: '/admin/resources/documents' })).statusCode).toBe(302);
    expect(await core.db.select().from(adminSessions)).toHaveLength(0);
    const { cookie } = await logInAsAdmin(first);
    expect(cookie).toBeTruthy();
    expect(await core.db.select().from(adminSessions)).toHaveLength(1);
    await first.close();

    const second = await startPanel(core);
    try {
      const list = await second.inject({ method: 'GET', url: '/admin/api/resources/documents/actions/list', headers: { cookie: cookie! } });
      expect(list.statusCode).toBe(200);
      await second.inject({ method: 'GET', url: '/admin/logout', headers: { cookie: cookie! } });
      expect(await core.db.select().from(adminSessions)).toHaveLength(0);
      const after = await second.inject({ method: 'GET', url: '/admin/api/resources/documents/actions/list', headers: { cookie: cookie! } });
      expect(after.statusCode).toBe(302);
    } finally {
      await second.close();
    }
  });
});
