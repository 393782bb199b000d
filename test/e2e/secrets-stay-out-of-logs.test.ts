import { createServer, type Server } from 'node:http';
import { mkdtempSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runHub, startHub } from '../support/run-hub-cli.ts';
import { waitFor } from '../support/test-core.ts';
import { createServerDatabaseUrl, testEngine } from '../support/test-database.ts';

/** Secrets as an operator would configure them; each must be absent from everything the hub prints. */
const SECRETS = {
  TELEGRAM_BOT_TOKEN: '7123456789:AAHleakCheckTelegramToken0123456789ab',
  DISCORD_BOT_TOKEN: 'MTIzNDU2Nzg5MDEyMzQ1Njc4.GfAkE1.leakCheckDiscordTokenSecret01234',
  MATRIX_ACCESS_TOKEN: 'syt_aHVi_leakCheckMatrixToken_0AbCdE',
  GROQ_API_KEY: 'gsk_leakCheckGroqKey0123456789ABCDEFGH',
  OPENAI_EMBEDDINGS_API_KEY: 'sk-leakCheckEmbeddingsKey-0123456789',
  HUB_API_TOKEN: 'leak-check-hub-api-token-0123456789',
  ADMIN_PASSWORD: 'leak-check-admin-password',
  ADMIN_SESSION_SECRET: 'leak-check-session-secret-0123456789abcdef',
  SYNC_API_KEY: 'hubsync_0123456789abcdef0123456789abcdef_leakCheckSyncSecret0123456789abcdefghijklmn',
};
const DATABASE_PASSWORD = 'leakCheckDbPassw0rd';

/** A provider that refuses the key and, like some real ones, quotes it back in its error. */
async function startKeyEchoingProvider(): Promise<{ url: string; server: Server }> {
  const server = createServer((request, response) => {
    request.resume();
    response.writeHead(401, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ error: { message: `Invalid API key: ${request.headers.authorization ?? ''}`, code: 'invalid_api_key' } }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

/** A port nothing listens on: every platform behind it is unreachable, as when the hub boots offline. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function leaks(output: string, secrets: string[]): string[] {
  return secrets.filter((secret) => output.includes(secret) || output.includes(encodeURIComponent(secret)));
}

describe(`secrets stay out of the logs of failing hubs on ${testEngine}`, () => {
  const cleanups: Array<() => unknown> = [];
  let provider: { url: string; server: Server };
  let unreachable: string;
  beforeAll(async () => {
    provider = await startKeyEchoingProvider();
    cleanups.push(() => provider.server.close());
    unreachable = `http://127.0.0.1:${await closedPort()}`;
  });
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  it('logs failing chat platforms, LLM, embeddings and sync at trace level without a single secret', async () => {
    const server = process.env.TEST_DATABASE_URL ? await createServerDatabaseUrl(process.env.TEST_DATABASE_URL) : null;
    if (server) cleanups.push(() => server.drop());
    // The test server trusts local connections, so a password in the URL is accepted and still configured.
    const databaseUrl = server ? server.url.replace('postgresql://postgres@', `postgresql://postgres:${DATABASE_PASSWORD}@`) : undefined;
    const hub = await startHub({
      ...SECRETS,
      HUB_DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'hub-secrets-')),
      PORT: '0',
      LOG_LEVEL: 'trace',
      ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
      TELEGRAM_API_ROOT: unreachable,
      DISCORD_API_URL: unreachable,
      MATRIX_HOMESERVER_URL: unreachable,
      MATRIX_USER_ID: '@hub:example.org',
      LLM_PROVIDER: 'groq',
      GROQ_BASE_URL: provider.url,
      LLM_MAX_RETRIES: '0',
      EMBEDDINGS_PROVIDER: 'openai',
      OPENAI_EMBEDDINGS_URL: `${provider.url}/v1`,
      SYNC_ENABLED: 'true',
      SYNC_SERVER_URL: unreachable,
    });
    cleanups.push(() => hub.process.kill('SIGKILL'));
    const auth = { authorization: `Bearer ${SECRETS.HUB_API_TOKEN}` };
    const ask = await fetch(`${hub.url}/api/ask`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify({ question: 'where is the shelter?' }) });
    expect(ask.status).toBe(200);
    const form = new FormData();
    form.append('file', new Blob(['Shelter at the school gym. Bring water for three days.']), 'shelter.txt');
    expect((await fetch(`${hub.url}/api/documents`, { method: 'POST', headers: auth, body: form })).status).toBe(201);
    expect((await fetch(`${hub.url}/api/documents`, { headers: { authorization: `Bearer ${SECRETS.HUB_API_TOKEN}x` } })).status).toBe(401);

    // Every failure under test reached the log before the output is searched.
    const logged = (pattern: RegExp) => () => Promise.resolve(hub.output.some((line) => pattern.test(line)) || undefined);
    await waitFor(logged(/telegram chat adapter not started/), 30_000, 'the telegram failure');
    await waitFor(logged(/discord chat adapter not started/), 30_000, 'the discord failure');
    await waitFor(logged(/matrix chat adapter not started/), 30_000, 'the matrix failure');
    await waitFor(logged(/embedding attempt failed/), 30_000, 'the embeddings failure');
    await waitFor(logged(/Invalid API key/), 30_000, 'the provider quoting the key back');

    const exited = new Promise((resolve) => hub.process.once('exit', resolve));
    hub.process.kill('SIGTERM');
    await exited;
    const output = hub.output.join('\n');
    expect(leaks(output, [...Object.values(SECRETS), ...(databaseUrl ? [DATABASE_PASSWORD] : [])])).toEqual([]);
    expect(output).toContain('[redacted]');
  }, 120_000);

  it('prints no database password when the database cannot be reached at start', async () => {
    const result = await runHub(['start'], {
      ...SECRETS,
      HUB_DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'hub-secrets-')),
      PORT: '0',
      LOG_LEVEL: 'trace',
      MATRIX_HOMESERVER_URL: unreachable,
      MATRIX_USER_ID: '@hub:example.org',
      DATABASE_URL: `postgresql://hub:${DATABASE_PASSWORD}@${new URL(unreachable).host}/hub`,
    });
    expect(result.code).toBe(1);
    const output = `${result.stdout}\n${result.stderr}`;
    expect(output).toMatch(/Cannot reach PostgreSQL/);
    expect(leaks(output, [...Object.values(SECRETS), DATABASE_PASSWORD])).toEqual([]);
  }, 60_000);
});
