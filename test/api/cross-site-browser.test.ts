import type { FastifyInstance } from 'fastify';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HubCore } from '../../api/core/hub-core.ts';
import { findDocument, listDocuments } from '../../api/documents/document-repository.ts';
import { uploadDocument } from '../../api/documents/upload-document.ts';
import { buildServer } from '../../api/server.ts';
import { CHROMIUM_PATH, chromiumAvailable, launchOfflineChromium, type OfflineBrowser } from '../browser/launch-offline-chromium.ts';
import { createTestCore } from '../support/test-core.ts';
import { testEngine } from '../support/test-database.ts';

const hasChromium = chromiumAvailable();
if (!hasChromium) console.warn(`skipping the cross-site browser test: no Chromium at ${CHROMIUM_PATH} (apt-get install -y chromium)`);

/** A name an attacker controls, re-pointed at the hub's address after the page loaded (DNS rebinding). */
const REBOUND_NAME = 'rebind.attacker.test';
const STEP_TIMEOUT_MS = 10_000;
const PAGE = '<!doctype html><html><head><meta charset="utf-8"><title>page</title></head><body>page</body></html>';

/** A page that posts a form to `action` as soon as it loads, as a malicious site would. */
const autoSubmittingForm = (action: string) =>
  `<!doctype html><html><body><form method="post" enctype="text/plain" action="${action}"><input name="x" value="y"></form>` +
  '<script>document.forms[0].submit()</script></body></html>';

/** Another web site a hub user might visit while the hub runs on their machine; `/form?action=` serves the form. */
async function startAttackerSite(): Promise<{ origin: string; server: Server }> {
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://attacker');
    response.writeHead(200, { 'content-type': 'text/html' });
    response.end(url.pathname === '/form' ? autoSubmittingForm(url.searchParams.get('action') ?? '') : PAGE);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  // `localhost` and `127.0.0.1` are different sites to the browser: the attacker's page is cross-site.
  return { origin: `http://localhost:${(server.address() as AddressInfo).port}`, server };
}

describe.skipIf(!hasChromium)(`cross-site requests to a hub without a token, in Chromium, on ${testEngine}`, () => {
  let core: HubCore;
  let app: FastifyInstance;
  let hub: string;
  let attacker: { origin: string; server: Server };
  let browser: OfflineBrowser;
  let pendingId: string;
  const countDocuments = async () => (await listDocuments(core.db, { limit: 1, offset: 0 })).total;
  const statusOf = async (id: string) => (await findDocument(core.db, id))?.status;

  beforeAll(async () => {
    core = await createTestCore();
    app = await buildServer(core);
    // Stands in for a page the hub serves itself (the members' web page): same origin as /api.
    app.get('/own-page', async (_request, reply) => reply.type('text/html').send(PAGE));
    hub = await app.listen({ host: '127.0.0.1', port: 0 });
    attacker = await startAttackerSite();
    const hubPort = new URL(hub).port;
    browser = await launchOfflineChromium([hub, attacker.origin, `http://${REBOUND_NAME}:${hubPort}`], [`--host-resolver-rules=MAP ${REBOUND_NAME} 127.0.0.1`]);
    const pending = await uploadDocument(core, { bytes: Buffer.from('Meet at the school gym when the siren sounds.'), filename: 'meet.txt', community: 'riverside', uploader: { via: 'telegram', role: 'member' } });
    pendingId = pending.document.id;
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    attacker?.server.close();
    await app?.close();
    await core?.close();
  });

  it('does nothing for fetches and form posts from a page on another site', async () => {
    const page = await browser.context.newPage();
    page.setDefaultTimeout(STEP_TIMEOUT_MS);
    await page.goto(`${attacker.origin}/`);
    const before = await countDocuments();
    // Requests a page may send anywhere without a CORS preflight: text/plain and multipart bodies.
    await page.evaluate(async ({ hub, id }) => {
      const form = new FormData();
      form.append('file', new Blob(['Evacuation is cancelled, stay home.'], { type: 'text/plain' }), 'forged.txt');
      const opaque = { mode: 'no-cors' as const, method: 'POST' };
      await fetch(`${hub}/api/documents`, { ...opaque, body: form });
      await fetch(`${hub}/api/documents/${id}/approve`, { ...opaque, headers: { 'content-type': 'text/plain' }, body: '{}' });
      await fetch(`${hub}/api/maintenance/reembed`, { ...opaque, headers: { 'content-type': 'text/plain' }, body: '' });
      await fetch(`${hub}/%61pi/documents/${id}/approve`, { ...opaque, headers: { 'content-type': 'text/plain' }, body: '{}' });
    }, { hub, id: pendingId });
    // A classic form post navigates the page to the hub's answer: it must be the refusal.
    const response = page.waitForResponse((r) => r.url().endsWith('/approve'));
    await page.goto(`${attacker.origin}/form?action=${encodeURIComponent(`${hub}/api/documents/${pendingId}/approve`)}`);
    expect((await response).status()).toBe(403);
    await page.close();
    expect(await countDocuments()).toBe(before);
    expect(await statusOf(pendingId)).toBe('pending_review');
  });

  it('refuses a page that reached the hub through a rebound DNS name, even though the browser thinks it same-origin', async () => {
    const page = await browser.context.newPage();
    page.setDefaultTimeout(STEP_TIMEOUT_MS);
    await page.goto(`http://${REBOUND_NAME}:${new URL(hub).port}/own-page`);
    const statuses = await page.evaluate(async (id) => {
      const read = await fetch('/api/documents');
      const approve = await fetch(`/api/documents/${id}/approve`, { method: 'POST' });
      const body = (await approve.json()) as { error: { details: { reason: string } } };
      return { read: read.status, approve: approve.status, reason: body.error.details.reason };
    }, pendingId);
    await page.close();
    expect(statuses).toEqual({ read: 403, approve: 403, reason: 'unknown_host' });
    expect(await statusOf(pendingId)).toBe('pending_review');
  });

  it('lets the hub\'s own pages upload and approve', async () => {
    const page = await browser.context.newPage();
    page.setDefaultTimeout(STEP_TIMEOUT_MS);
    await page.goto(`${hub}/own-page`);
    const statuses = await page.evaluate(async (id) => {
      const form = new FormData();
      form.append('file', new Blob(['Water: one gallon per person per day.'], { type: 'text/plain' }), 'water.txt');
      const upload = await fetch('/api/documents', { method: 'POST', body: form });
      const approve = await fetch(`/api/documents/${id}/approve`, { method: 'POST' });
      return { upload: upload.status, approve: approve.status };
    }, pendingId);
    await page.close();
    expect(statuses).toEqual({ upload: 201, approve: 200 });
    expect(await statusOf(pendingId)).not.toBe('pending_review');
  });
});
