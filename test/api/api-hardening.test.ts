import type { FastifyInstance, InjectOptions } from 'fastify';
import { readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../api/config/load-config.ts';
import type { HubCore } from '../../api/core/hub-core.ts';
import { listDocuments } from '../../api/documents/document-repository.ts';
import { uploadDocument } from '../../api/documents/upload-document.ts';
import { buildServer } from '../../api/server.ts';
import { multipartBody } from '../support/multipart-body.ts';
import { createTestCore } from '../support/test-core.ts';
import { testEngine } from '../support/test-database.ts';

const TOKEN = 'hardening-token-0123456789abcdef';

/** The same core behind differently configured APIs: building a core per setting would cost seconds each. */
function withSettings(core: HubCore, env: Record<string, string>): HubCore {
  return { ...core, config: parseConfig({ HUB_DATA_DIR: core.config.dataDir, RAW_FILES_DIR: core.config.rawFilesDir, ...env }) };
}

function countFiles(root: string): number {
  try {
    return readdirSync(root, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile()).length;
  } catch {
    return 0;
  }
}

describe(`API hardening on ${testEngine}`, () => {
  let core: HubCore;
  let withToken: FastifyInstance;
  let open: FastifyInstance;
  let pendingId: string;
  beforeAll(async () => {
    core = await createTestCore();
    withToken = await buildServer(withSettings(core, { HUB_API_TOKEN: TOKEN, ASK_RATE_LIMIT_PER_MINUTE: '3' }));
    open = await buildServer(withSettings(core, { ALLOWED_HOSTS: 'hub.lan,hub.example.org' }));
    const pending = await uploadDocument(core, { bytes: Buffer.from('Meet at the school gym when the siren sounds.'), filename: 'meet.txt', community: 'riverside', uploader: { via: 'telegram', role: 'member' } });
    pendingId = pending.document.id;
  });
  afterAll(async () => {
    await withToken?.close();
    await open?.close();
    await core?.close();
  });

  const auth = { authorization: `Bearer ${TOKEN}` };
  const upload = (app: FastifyInstance, filename: string, fields: Record<string, string>, headers: Record<string, string> = {}) => {
    const body = multipartBody(fields, { field: 'file', filename, content: `Notes for ${filename} ${Math.random()}` });
    return app.inject({ method: 'POST', url: '/api/documents', headers: { ...headers, 'content-type': body.contentType }, payload: body.payload });
  };

  describe('the API token', () => {
    it('accepts the Bearer scheme in any case', async () => {
      for (const scheme of ['Bearer', 'bearer', 'BEARER', 'bEaReR']) {
        const response = await withToken.inject({ method: 'GET', url: '/api/documents', headers: { authorization: `${scheme} ${TOKEN}` } });
        expect(response.statusCode, scheme).toBe(200);
      }
    });

    it('refuses tokens of any length, including prefixes and extensions of the real one', async () => {
      for (const presented of ['', 'x', TOKEN.slice(0, -1), `${TOKEN}x`, TOKEN.toUpperCase(), 'y'.repeat(4096)]) {
        const response = await withToken.inject({ method: 'GET', url: '/api/documents', headers: { authorization: `Bearer ${presented}` } });
        expect(response.statusCode, presented.slice(0, 20)).toBe(401);
        expect(response.json().error.code).toBe('unauthorized');
      }
    });
  });

  describe('NUL bytes', () => {
    it('answers 400 naming the field for a NUL in a question or its community', async () => {
      const question = await withToken.inject({ method: 'POST', url: '/api/ask', headers: auth, payload: { question: 'where\u0000 is water?' } });
      expect(question.statusCode).toBe(400);
      expect(question.json().error).toMatchObject({ code: 'invalid_input', message: expect.stringMatching(/question contains a NUL byte/) });
      const community = await open.inject({ method: 'POST', url: '/api/ask', payload: { question: 'where is water?', community: 'river\u0000side' } });
      expect(community.statusCode).toBe(400);
      expect(community.json().error.message).toMatch(/community contains a NUL byte/);
      const listed = await open.inject({ method: 'GET', url: '/api/documents?community=a%00b' });
      expect(listed.statusCode).toBe(400);
    });

    it('answers 400 for a NUL in an upload\'s filename, community or title and keeps neither file nor row', async () => {
      const documentsBefore = (await listDocuments(core.db, { limit: 1, offset: 0 })).total;
      const filesBefore = countFiles(core.files.root);
      const cases: Array<[string, Record<string, string>, RegExp]> = [
        ['guide\u0000.txt', {}, /filename contains a NUL byte/],
        ['guide.txt', { community: 'river\u0000side' }, /community contains a NUL byte/],
        ['guide.txt', { title: 'Flood\u0000 guide' }, /title contains a NUL byte/],
      ];
      for (const [filename, fields, message] of cases) {
        const response = await upload(open, filename, fields);
        expect(response.statusCode, JSON.stringify(fields)).toBe(400);
        expect(response.json().error.message).toMatch(message);
      }
      expect((await listDocuments(core.db, { limit: 1, offset: 0 })).total).toBe(documentsBefore);
      expect(countFiles(core.files.root)).toBe(filesBefore);
    });

    it('answers 400 for a NUL in a rejection reason', async () => {
      const response = await open.inject({ method: 'POST', url: `/api/documents/${pendingId}/reject`, payload: { reason: 'spam\u0000' } });
      expect(response.statusCode).toBe(400);
    });
  });

  describe('questions per client', () => {
    it('answers 429 with Retry-After and a polite message past the limit, per client address', async () => {
      const ask = (remoteAddress: string) => withToken.inject({ method: 'POST', url: '/api/ask', headers: auth, remoteAddress, payload: { question: 'how much water per person?' } });
      for (let i = 0; i < 3; i++) expect((await ask('10.0.0.1')).statusCode).toBe(200);
      const refused = await ask('10.0.0.1');
      expect(refused.statusCode).toBe(429);
      const retryAfter = Number(refused.headers['retry-after']);
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(60);
      expect(refused.json().error).toMatchObject({ code: 'too_many', message: expect.stringMatching(/^Sorry, .*3 questions a minute.*Please wait \d+ s/) });
      expect((await ask('10.0.0.2')).statusCode).toBe(200);
      // Reading is not limited.
      expect((await withToken.inject({ method: 'GET', url: '/api/documents', headers: auth, remoteAddress: '10.0.0.1' })).statusCode).toBe(200);
    });
  });

  describe('cross-site requests without a token', () => {
    const HUB = '127.0.0.1:3000';
    const from = (origin: string | null, site?: string): Record<string, string> => ({
      host: HUB,
      ...(origin ? { origin } : {}),
      ...(site ? { 'sec-fetch-site': site } : {}),
    });
    const stateChanging = (): Array<[string, InjectOptions]> => [
      ['approve', { method: 'POST', url: `/api/documents/${pendingId}/approve` }],
      ['approve as text/plain', { method: 'POST', url: `/api/documents/${pendingId}/approve`, headers: { 'content-type': 'text/plain' }, payload: 'x' }],
      ['reject', { method: 'POST', url: `/api/documents/${pendingId}/reject`, payload: { reason: 'spam' } }],
      ['reprocess', { method: 'POST', url: `/api/documents/${pendingId}/reprocess`, headers: { 'content-type': 'text/plain' }, payload: '' }],
      ['reembed', { method: 'POST', url: '/api/maintenance/reembed', headers: { 'content-type': 'text/plain' }, payload: '' }],
      ['ask', { method: 'POST', url: '/api/ask', headers: { 'content-type': 'text/plain' }, payload: '{"question":"x"}' }],
      ['approve by an encoded path', { method: 'POST', url: `/%61pi/documents/${pendingId}/approve` }],
    ];

    it('refuses every state-changing route from another origin or marked cross-site, before acting', async () => {
      const filesBefore = countFiles(core.files.root);
      for (const headers of [from('http://evil.example'), from('null'), from(null, 'cross-site'), from(null, 'same-site'), from(`http://${HUB}`, 'cross-site')]) {
        for (const [name, request] of stateChanging()) {
          const response = await open.inject({ ...request, headers: { ...request.headers, ...headers } });
          expect(response.statusCode, `${name} ${JSON.stringify(headers)}`).toBe(403);
          expect(response.json().error.details.reason).toBe('cross_site');
        }
        const uploaded = await upload(open, 'forged.txt', {}, headers);
        expect(uploaded.statusCode).toBe(403);
      }
      expect(countFiles(core.files.root)).toBe(filesBefore);
      const document = await open.inject({ method: 'GET', url: `/api/documents/${pendingId}`, headers: { host: HUB } });
      expect(document.json().status).toBe('pending_review');
    });

    it('refuses a Host name that is not the hub\'s (DNS rebinding), even for reads', async () => {
      for (const host of ['rebind.attacker.example:3000', 'attacker.example', 'localhost.attacker.example:3000']) {
        const read = await open.inject({ method: 'GET', url: '/api/documents', headers: { host } });
        expect(read.statusCode, host).toBe(403);
        expect(read.json().error).toMatchObject({ details: { reason: 'unknown_host' }, message: expect.stringMatching(/ALLOWED_HOSTS/) });
        const sameOriginToTheAttacker = await upload(open, 'rebound.txt', {}, { host, origin: `http://${host}`, 'sec-fetch-site': 'same-origin' });
        expect(sameOriginToTheAttacker.statusCode, host).toBe(403);
      }
    });

    it('serves its own pages, clients without a browser, IP addresses, localhost and listed names', async () => {
      const hosts = [HUB, 'localhost:3000', 'hub.localhost:3000', '[::1]:3000', '192.168.1.20:3000', 'hub.lan:3000', 'HUB.EXAMPLE.ORG'];
      for (const host of hosts) {
        const read = await open.inject({ method: 'GET', url: '/api/documents', headers: { host } });
        expect(read.statusCode, host).toBe(200);
        const sameOrigin = await upload(open, `same-${host}.txt`, {}, { host, origin: `http://${host}`, 'sec-fetch-site': 'same-origin' });
        expect(sameOrigin.statusCode, host).toBe(201);
      }
      const curl = await upload(open, 'curl.txt', {}, { host: HUB });
      expect(curl.statusCode).toBe(201);
      const typed = await open.inject({ method: 'POST', url: '/api/maintenance/reembed', headers: { host: HUB, 'sec-fetch-site': 'none' } });
      expect(typed.statusCode).toBe(202);
      const listedOrigin = await open.inject({ method: 'POST', url: '/api/ask', headers: { host: HUB, origin: 'https://hub.example.org' }, payload: { question: 'where do we meet?' } });
      expect(listedOrigin.statusCode).toBe(200);
    });

    it('leaves the decision to the token when one is configured', async () => {
      const response = await withToken.inject({ method: 'GET', url: '/api/documents', headers: { ...auth, host: 'any.example', origin: 'http://other.example' } });
      expect(response.statusCode).toBe(200);
      const anyHost = await buildServer(withSettings(core, { ALLOWED_HOSTS: '*' }));
      try {
        expect((await anyHost.inject({ method: 'GET', url: '/api/documents', headers: { host: 'proxy.internal' } })).statusCode).toBe(200);
        expect((await anyHost.inject({ method: 'POST', url: '/api/maintenance/reembed', headers: { host: 'proxy.internal', origin: 'http://evil.example' } })).statusCode).toBe(403);
      } finally {
        await anyHost.close();
      }
    });
  });
});
