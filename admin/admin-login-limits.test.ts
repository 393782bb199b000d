import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HubCore } from '#api/core/hub-core.ts';
import { buildServer } from '#api/server.ts';
import { createTestCore } from '#test/support/test-core.ts';
import { testEngine } from '#test/support/test-database.ts';
import { MAX_FAILED_LOGINS } from './auth/login-attempt-limiter.ts';
import { registerAdminPanel } from './register-admin-panel.ts';
import { ADMIN_TEST_PASSWORD } from './test-support/admin-session.ts';

/** One login attempt through the real form, from the given (claimed) client address. */
async function logIn(app: FastifyInstance, password: string, forwardedFor: string) {
  const response = await app.inject({
    method: 'POST',
    url: '/admin/login',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': forwardedFor },
    payload: new URLSearchParams({ email: 'admin', password }).toString(),
  });
  return response.cookies.some((cookie) => cookie.name === 'hub_admin' && response.statusCode === 302);
}

describe.each([
  { proxy: undefined, label: 'with no trusted proxy (X-Forwarded-For ignored)' },
  { proxy: '1', label: 'behind one trusted proxy (X-Forwarded-For believed)' },
])(`admin login limits on ${testEngine} $label`, ({ proxy }) => {
  let core: HubCore;
  let app: FastifyInstance;
  beforeAll(async () => {
    core = await createTestCore({ ADMIN_PASSWORD: ADMIN_TEST_PASSWORD, ...(proxy ? { TRUST_PROXY: proxy } : {}) });
    app = await buildServer(core);
    await registerAdminPanel(app, core);
  });
  afterAll(async () => {
    await app?.close();
    await core?.close();
  });

  it('believes X-Forwarded-For only from a trusted proxy', async () => {
    app.get('/whoami', async (request) => ({ ip: request.ip }));
    const { ip } = (await app.inject({ method: 'GET', url: '/whoami', headers: { 'x-forwarded-for': '203.0.113.9' } })).json();
    expect(ip).toBe(proxy ? '203.0.113.9' : '127.0.0.1');
  });

  it('refuses the account, even its right password, after too many wrong ones from rotating addresses', async () => {
    expect(await logIn(app, ADMIN_TEST_PASSWORD, '198.51.100.1')).toBe(true);
    for (let guess = 0; guess < MAX_FAILED_LOGINS; guess++) {
      expect(await logIn(app, `wrong-password-${guess}`, `198.51.100.${10 + guess}`)).toBe(false);
    }
    expect(await logIn(app, ADMIN_TEST_PASSWORD, '198.51.100.99')).toBe(false);
  });
});
