import type { FastifyInstance } from 'fastify';
import os from 'node:os';
import path from 'node:path';
import { mkdtempSync } from 'node:fs';
import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../api/config/load-config.ts';
import { createHubCore, type HubCore } from '../../api/core/hub-core.ts';
import { openPostgres } from '../../api/db/open-postgres.ts';
import { buildServer } from '../../api/server.ts';
import { multipartBody } from '../support/multipart-body.ts';
import { startTcpProxy } from '../support/tcp-proxy.ts';
import { createTestCore } from '../support/test-core.ts';
import { createServerDatabaseUrl, testEngine } from '../support/test-database.ts';

async function expectUnavailable(app: FastifyInstance): Promise<void> {
  const body = multipartBody({ community: 'riverside' }, { field: 'file', filename: 'notes.txt', content: 'Sandbags are at the fire station.' });
  const requests = [
    app.inject({ method: 'GET', url: '/api/documents' }),
    app.inject({ method: 'GET', url: '/api/documents/00000000-0000-4000-8000-000000000000' }),
    app.inject({ method: 'POST', url: '/api/ask', payload: { question: 'where are the sandbags?', community: 'riverside' } }),
    app.inject({ method: 'POST', url: '/api/documents', headers: { 'content-type': body.contentType }, payload: body.payload }),
  ];
  for (const response of await Promise.all(requests)) {
    expect(response.statusCode, response.body).toBe(503);
    expect(response.json().error).toMatchObject({ code: 'dependency_unavailable', message: expect.stringMatching(/cannot reach its database/) });
  }
}

describe(`a database outage on ${testEngine}`, () => {
  const cleanups: Array<() => Promise<unknown>> = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
  });

  it.runIf(testEngine === 'postgres')('answers /api with 503 while PostgreSQL is unreachable, and serves again when it is back', async () => {
    const database = await createServerDatabaseUrl(process.env.TEST_DATABASE_URL!);
    cleanups.push(() => database.drop());
    const url = new URL(database.url);
    const proxy = await startTcpProxy({ host: url.hostname, port: Number(url.port) });
    cleanups.push(() => proxy.close());
    url.host = `127.0.0.1:${proxy.port}`;
    const handle = await openPostgres(url.toString());
    cleanups.push(() => handle.close());
    const config = parseConfig({ HUB_DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'hub-outage-')), LOG_LEVEL: 'silent' });
    const core: HubCore = await createHubCore(config, pino({ level: 'silent' }), { database: handle });
    cleanups.push(() => core.close());
    const app = await buildServer(core);
    cleanups.push(() => app.close());

    expect((await app.inject({ method: 'GET', url: '/api/documents' })).statusCode).toBe(200);
    await proxy.cut();
    await expectUnavailable(app);
    await proxy.restore();
    expect((await app.inject({ method: 'GET', url: '/api/documents' })).statusCode).toBe(200);
  }, 60_000);

  it.runIf(testEngine === 'pglite')('answers /api with 503 once the embedded database has stopped', async () => {
    const core = await createTestCore();
    cleanups.push(() => core.close());
    const app = await buildServer(core);
    cleanups.push(() => app.close());
    expect((await app.inject({ method: 'GET', url: '/api/documents' })).statusCode).toBe(200);
    await core.jobs.stop();
    await core.database.pglite!.close();
    await expectUnavailable(app);
  }, 60_000);
});
