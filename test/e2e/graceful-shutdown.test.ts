/**
 * SIGTERM on a real `hub start` process: an answer being streamed is finished, a document being
 * parsed goes back to the queue (never `failed`) and is processed by the next start, and the process
 * exits 0 after closing the database.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeGroq, type FakeChatServer } from '../fakes/fake-groq-server.ts';
import { buildPdf } from '../fixtures/build-pdf.ts';
import { eventually, startHubRole, type RoleProcess } from '../support/start-hub-role.ts';
import { createServerDatabaseUrl, testEngine } from '../support/test-database.ts';

const TOKEN = 'shutdown-test-token-0123456789';
const auth = { authorization: `Bearer ${TOKEN}` };
/** Many pages of text: long enough to be mid-parse when the signal comes, on any machine. */
/**
 * Long enough that parsing outlasts the 1 s grace period on a quiet machine too (pdf.js reads a few
 * hundred of these pages a second there): the signal must find the parser mid-document.
 */
const LONG_PDF_PAGES = 2500;
const LONG_PDF = buildPdf(
  Array.from({ length: LONG_PDF_PAGES }, (_, page) => ({
    texts: Array.from({ length: 8 }, (_, line) => ({ text: `Page ${page + 1} line ${line + 1}: keep two litres of water per person per day.`, x: 50, y: 780 - line * 18, size: 10 })),
  })),
);

describe(`graceful shutdown of hub start on ${testEngine}`, () => {
  let groq: FakeChatServer;
  let env: Record<string, string>;
  const cleanups: Array<() => Promise<unknown>> = [];
  beforeAll(async () => {
    groq = await startFakeGroq({ slowStreamDelayMs: 150 });
    groq.behaviour = 'slowStream';
    const server = process.env.TEST_DATABASE_URL ? await createServerDatabaseUrl(process.env.TEST_DATABASE_URL) : null;
    if (server) cleanups.push(() => server.drop());
    env = {
      MAX_PAGES: String(LONG_PDF_PAGES),
      HUB_DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'hub-shutdown-')),
      HUB_API_TOKEN: TOKEN,
      LLM_PROVIDER: 'groq',
      GROQ_API_KEY: 'fake-key',
      GROQ_BASE_URL: groq.url,
      LOG_LEVEL: 'info',
      ...(server ? { DATABASE_URL: server.url } : {}),
    };
  });
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
    await groq?.close();
  });
  const start = async (extra: Record<string, string> = {}): Promise<RoleProcess> => {
    const hub = await startHubRole(undefined, { ...env, ...extra });
    cleanups.push(async () => hub.process.kill('SIGKILL'));
    return hub;
  };
  const upload = async (url: string, name: string, bytes: Uint8Array | string) => {
    const form = new FormData();
    form.set('file', new Blob([bytes]), name);
    const response = await fetch(`${url}/api/documents`, { method: 'POST', headers: auth, body: form });
    expect(response.status).toBe(201);
    return ((await response.json()) as { id: string }).id;
  };
  // A kept-alive connection the busy hub closes just as it is reused resets: that poll counts as "not yet".
  const documentOf = async (url: string, id: string) =>
    fetch(`${url}/api/documents/${id}`, { headers: auth }).then(
      async (response) => (await response.json()) as { status: string; progress: { page?: number } | null },
      () => ({ status: 'unreachable', progress: null }),
    );
  const statusOf = async (url: string, id: string) => (await documentOf(url, id)).status;

  it('finishes an answer that is being streamed when SIGTERM arrives, then exits 0', async () => {
    const hub = await start();
    const id = await upload(hub.url, 'water.txt', 'Store two litres of drinking water per person per day, for at least three days.');
    await eventually(async () => (await statusOf(hub.url, id)) === 'ready', 'the document to be ready');

    const response = await fetch(`${hub.url}/api/ask`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json', accept: 'text/event-stream' },
      body: JSON.stringify({ question: 'how much water per person per day?' }),
    });
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let received = '';
    while (!received.includes('event: token')) received += decoder.decode((await reader.read()).value);
    const exited = hub.stop();
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      received += decoder.decode(value);
    }
    expect(received).toContain('event: done');
    expect(received).toContain('"provider":"groq"');
    expect(await exited).toBe(0);
    expect(hub.output.join('\n')).toMatch(/shutting down: no new work/);
  }, 300_000);

  it('puts a document being parsed back in the queue past the grace period, and the next start processes it', async () => {
    const hub = await start({ SHUTDOWN_GRACE_SECONDS: '1' });
    const id = await upload(hub.url, 'long-guide.pdf', LONG_PDF);
    // Mid-parse: the parser child is reading pages (hundreds more to go) when the signal comes.
    await eventually(async () => Boolean((await documentOf(hub.url, id)).progress?.page), 'parsing to start', 180_000);
    expect(await hub.stop()).toBe(0);
    const log = hub.output.join('\n');
    expect(log).toMatch(/processing interrupted by shutdown; the document is queued again/);
    expect(log).not.toMatch(/"document could not be processed"/);

    const again = await start();
    await eventually(async () => (await statusOf(again.url, id)) === 'ready', 'the document to be processed after the restart', 400_000).catch((error: Error) => {
      throw new Error(`${error.message}\n${again.output.slice(-20).join('\n')}`);
    });
    expect(await again.stop()).toBe(0);
  }, 700_000);
});
