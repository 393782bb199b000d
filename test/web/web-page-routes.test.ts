import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HubCore } from '../../api/core/hub-core.ts';
import { buildServer } from '../../api/server.ts';
import { buildWebPage, type BuildReport } from '../../web/build/build-web-page.ts';
import { createTestCore } from '../support/test-core.ts';
import { testEngine } from '../support/test-database.ts';

/** The goal for a cheap phone: the first load's JavaScript, compressed. */
const FIRST_LOAD_JS_LIMIT_BYTES = 100 * 1024;

describe(`the members' page files on ${testEngine}`, () => {
  let core: HubCore;
  let app: FastifyInstance;
  let unbuilt: FastifyInstance;
  let report: BuildReport;
  const dirs: string[] = [];
  beforeAll(async () => {
    const built = mkdtempSync(path.join(os.tmpdir(), 'hub-page-'));
    const empty = mkdtempSync(path.join(os.tmpdir(), 'hub-page-empty-'));
    dirs.push(built, empty);
    report = await buildWebPage(built);
    core = await createTestCore({ HUB_API_TOKEN: 'page-token-0123456789abcdef' });
    app = await buildServer(core, { webPageDir: built });
    unbuilt = await buildServer(core, { webPageDir: empty });
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await unbuilt?.close();
    await core?.close();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('keeps the first load under 100 KB of compressed JavaScript', () => {
    expect(report.firstLoadScript.path).toMatch(/^\/assets\/app-\w+\.js$/);
    expect(report.firstLoadScript.gzip).toBeLessThanOrEqual(FIRST_LOAD_JS_LIMIT_BYTES);
  });

  it('serves the page at / without the API token, only from its own origin, compressed when asked', async () => {
    const page = await app.inject({ url: '/', headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['content-encoding']).toBe('br');
    expect(page.headers['content-security-policy']).toContain("default-src 'self'");
    expect(page.headers['cache-control']).toBe('no-cache');
    const gzipped = await app.inject({ url: '/', headers: { 'accept-encoding': 'gzip' } });
    const html = gunzipSync(gzipped.rawPayload).toString();
    expect(html).toContain(`<script type="module" src="${report.firstLoadScript.path}"></script>`);
    expect(html).toContain('<link rel="manifest" href="/manifest.webmanifest">');
    expect(html).not.toMatch(/https?:\/\//);
    const again = await app.inject({ url: '/', headers: { 'if-none-match': String(page.headers.etag) } });
    expect(again.statusCode).toBe(304);
  });

  it('marks hashed files immutable and the service worker for revalidation', async () => {
    const script = await app.inject({ url: report.firstLoadScript.path });
    expect(script.headers['cache-control']).toContain('immutable');
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
    const worker = await app.inject({ url: '/sw.js' });
    expect(worker.headers['cache-control']).toBe('no-cache');
    expect(worker.body).toContain(report.firstLoadScript.path);
  });

  it('offers a manifest that makes the page installable, with real PNG icons', async () => {
    const manifest = (await app.inject({ url: '/manifest.webmanifest' })).json();
    expect(manifest).toMatchObject({ start_url: '/', display: 'standalone', name: 'Community Hub' });
    const sizes = manifest.icons.map((icon: { sizes: string }) => icon.sizes);
    expect(sizes).toEqual(expect.arrayContaining(['192x192', '512x512']));
    const icon = await app.inject({ url: '/icons/icon-512.png' });
    expect(icon.headers['content-type']).toBe('image/png');
    expect(icon.rawPayload.subarray(1, 4).toString()).toBe('PNG');
    expect(icon.rawPayload.readUInt32BE(16)).toBe(512);
  });

  it('serves no file that was not built, and says how to build a missing page', async () => {
    expect((await app.inject({ url: '/../package.json' })).statusCode).toBe(404);
    expect((await app.inject({ url: `${report.firstLoadScript.path}.gz` })).statusCode).toBe(404);
    const missing = await unbuilt.inject({ url: '/' });
    expect(missing.statusCode).toBe(503);
    expect(missing.body).toContain('npm run build:web');
  });
});
