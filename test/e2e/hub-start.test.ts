import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startHub } from '../support/run-hub-cli.ts';
import { createServerDatabaseUrl, testEngine } from '../support/test-database.ts';

describe(`hub start on ${testEngine}`, () => {
  const cleanups: Array<() => Promise<unknown>> = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  it('serves /health with nothing else installed, says where things are, and stops on SIGTERM', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'hub-start-'));
    const server = process.env.TEST_DATABASE_URL ? await createServerDatabaseUrl(process.env.TEST_DATABASE_URL) : null;
    if (server) cleanups.push(() => server.drop());
    const hub = await startHub({ HUB_DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'warn', ...(server ? { DATABASE_URL: server.url } : {}) });
    cleanups.push(async () => hub.process.kill('SIGKILL'));
    const health = await fetch(`${hub.url}/health`);
    expect(health.status).toBe(200);
    const banner = hub.output.join('\n');
    expect(banner).toContain(`${hub.url}/docs`);
    expect(banner).toContain(server ? 'postgresql://' : `embedded PostgreSQL in ${dataDir}`);
    expect(banner).toMatch(/OLLAMA_URL/);
    expect(banner).toMatch(/TELEGRAM_BOT_TOKEN/);

    const exited = new Promise<number | null>((resolve) => hub.process.once('exit', (code) => resolve(code)));
    hub.process.kill('SIGTERM');
    expect(await exited).toBe(0);
  }, 90_000);

  // Several processes may share a PostgreSQL server: there is nothing to refuse there.
  it.runIf(testEngine === 'pglite')('refuses a second hub on the same embedded data directory with a clear message', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'hub-start-'));
    const first = await startHub({ HUB_DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'warn' });
    cleanups.push(async () => first.process.kill('SIGKILL'));
    const second = startHub({ HUB_DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'warn' });
    await expect(second).rejects.toThrow(/already in use by process \d+/);
  }, 90_000);
});
