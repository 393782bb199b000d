import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeScannedPdf } from '../fixtures/make-fixtures.ts';
import { runHub, startHub } from '../support/run-hub-cli.ts';
import { createServerDatabaseUrl, testEngine } from '../support/test-database.ts';

const TOKEN = 'e2e-cloud-token-0123456789abcdef';

async function waitForDocument(url: string, id: string, done: (doc: Record<string, unknown>) => boolean): Promise<Record<string, unknown>> {
  for (let tries = 0; tries < 300; tries++) {
    const doc = (await (await fetch(`${url}/api/documents/${id}`, { headers: { authorization: `Bearer ${TOKEN}` } })).json()) as Record<string, unknown>;
    if (done(doc)) return doc;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`document ${id} never reached the expected state`);
}

/** Two real processes: `hub start` as the cloud instance, and `hub sync`/`hub ask` as a local instance on its own data. */
describe(`a cloud hub process on ${testEngine} and a local instance syncing from the command line`, { timeout: 300_000 }, () => {
  const cleanups: Array<() => Promise<unknown>> = [];
  let cloudUrl: string;
  let cloudEnv: Record<string, string>;
  let localEnv: Record<string, string>;
  let stopCloud: () => Promise<void>;

  beforeAll(async () => {
    const folder = mkdtempSync(path.join(os.tmpdir(), 'hub-sync-e2e-'));
    const server = process.env.TEST_DATABASE_URL ? await createServerDatabaseUrl(process.env.TEST_DATABASE_URL) : null;
    if (server) cleanups.push(() => server.drop());
    cloudEnv = {
      DEPLOYMENT_MODE: 'cloud', HUB_API_TOKEN: TOKEN, HUB_DATA_DIR: path.join(folder, 'cloud'), PORT: '0', LOG_LEVEL: 'warn', LLM_PROVIDER: 'none',
      ...(server ? { DATABASE_URL: server.url } : {}),
    };
    // The key is made before the cloud starts: an embedded database has one owner at a time.
    const created = await runHub(['sync-key', 'create', '--name', 'e2e local', '--json'], cloudEnv);
    expect(created.code, created.stderr).toBe(0);
    const key = JSON.parse(created.stdout).key as string;
    expect(key).toMatch(/^hubsync_/);
    const cloud = await startHub(cloudEnv);
    cloudUrl = cloud.url;
    stopCloud = async () => {
      const exited = new Promise((resolve) => cloud.process.once('exit', resolve));
      cloud.process.kill('SIGTERM');
      await exited;
    };
    cleanups.push(async () => cloud.process.kill('SIGKILL'));
    localEnv = {
      DEPLOYMENT_MODE: 'local', HUB_DATA_DIR: path.join(folder, 'local'), LOG_LEVEL: 'warn', LLM_PROVIDER: 'none', PORT: '0',
      SYNC_ENABLED: 'true', SYNC_SERVER_URL: cloudUrl, SYNC_API_KEY: key,
    };
  }, 180_000);
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
  });

  it('brings a scan uploaded to the cloud to the local instance, OCRs it there and sends the text back', async () => {
    const form = new FormData();
    form.set('community', 'riverside');
    form.set('file', new Blob([new Uint8Array(await makeScannedPdf())]), 'flood-notice.pdf');
    const uploaded = (await (await fetch(`${cloudUrl}/api/documents`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}` }, body: form })).json()) as { id: string };
    await waitForDocument(cloudUrl, uploaded.id, (doc) => doc.status === 'ready');

    const synced = await runHub(['sync', '--once', '--json'], localEnv);
    expect(synced.code, synced.stderr).toBe(0);
    expect(JSON.parse(synced.stdout)).toMatchObject({ ok: true, mode: 'normal', processed: 1 });
    const full = await waitForDocument(cloudUrl, uploaded.id, (doc) => doc.processingMode === 'local_full');
    expect(full).toMatchObject({ needsFullProcessing: false, status: 'ready' });

    const answer = await runHub(['ask', 'what should I move upstairs before the flood water arrives', '--community', 'riverside', '--json'], localEnv);
    expect(answer.code, answer.stderr).toBe(0);
    expect(JSON.parse(answer.stdout).citations[0]).toMatchObject({ documentId: uploaded.id });
    const status = await runHub(['sync', '--status', '--json'], localEnv);
    expect(JSON.parse(status.stdout)).toMatchObject({ mode: 'normal', pendingPush: 0, openConflicts: 0 });
  });

  it('keeps answering from its own data when the cloud is gone, and says it is offline', async () => {
    await stopCloud();
    const synced = await runHub(['sync', '--once', '--json'], localEnv);
    expect(synced.code).toBe(1);
    expect(JSON.parse(synced.stdout)).toMatchObject({ ok: false, mode: 'offline' });
    const answer = await runHub(['ask', 'what should I move upstairs before the flood water arrives', '--community', 'riverside', '--json'], localEnv);
    expect(answer.code, answer.stderr).toBe(0);
    expect(JSON.parse(answer.stdout).answer).toMatch(/valuables upstairs/i);
    const status = JSON.parse((await runHub(['sync', '--status', '--json'], localEnv)).stdout);
    expect(status).toMatchObject({ mode: 'offline' });
    expect(status.lastError).toMatch(/cannot be reached/);
  });
});
