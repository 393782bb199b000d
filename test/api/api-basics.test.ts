import type { FastifyInstance } from 'fastify';
import { readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HubCore } from '../../api/core/hub-core.ts';
import { buildServer } from '../../api/server.ts';
import { createTestCore } from '../support/test-core.ts';
import { testEngine } from '../support/test-database.ts';
import { multipartBody } from '../support/multipart-body.ts';

const TOKEN = 'test-token-0123456789abcdef';

describe(`HTTP API basics on ${testEngine}`, () => {
  let core: HubCore;
  let app: FastifyInstance;
  beforeAll(async () => {
    core = await createTestCore({ HUB_API_TOKEN: TOKEN, UPLOAD_MAX_BYTES: '4096' });
    app = await buildServer(core);
  });
  afterAll(async () => {
    await app?.close();
    await core?.close();
  });

  const auth = { authorization: `Bearer ${TOKEN}` };
  const upload = (filename: string, content: Uint8Array | string, fields: Record<string, string> = {}) => {
    const body = multipartBody({ ...fields }, { field: 'file', filename, content });
    return app.inject({ method: 'POST', url: '/api/documents', headers: { ...auth, 'content-type': body.contentType }, payload: body.payload });
  };

  it('answers /health without a token, and names its components only to token holders', async () => {
    const anonymous = await app.inject({ method: 'GET', url: '/health' });
    expect(anonymous.statusCode).toBe(200);
    expect(anonymous.json().status).toBe('ok');
    expect(anonymous.json().components).toBeUndefined();
    expect(anonymous.body).not.toContain(core.database.location);
    const wrong = await app.inject({ method: 'GET', url: '/health', headers: { authorization: 'Bearer nope' } });
    expect(wrong.json().components).toBeUndefined();
    const body = (await app.inject({ method: 'GET', url: '/health', headers: auth })).json();
    expect(body.components.database.up).toBe(true);
    expect(body.components.database.detail).toContain(core.database.engine);
  });

  it('requires the API token on /api routes and says how to send it', async () => {
    const missing = await app.inject({ method: 'GET', url: '/api/documents' });
    expect(missing.statusCode).toBe(401);
    expect(missing.json().error.message).toContain('Authorization: Bearer');
    const wrong = await app.inject({ method: 'GET', url: '/api/documents', headers: { authorization: 'Bearer nope' } });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().error.code).toBe('unauthorized');
    const right = await app.inject({ method: 'GET', url: '/api/documents', headers: auth });
    expect(right.statusCode).toBe(200);
  });

  it('accepts a text upload once and returns the same document for the same bytes', async () => {
    const first = await upload('water.txt', 'Store one gallon of water per person per day.', { community: 'riverside' });
    expect(first.statusCode).toBe(201);
    const document = first.json();
    expect(document).toMatchObject({ filename: 'water.txt', fileType: 'txt', status: 'queued', approved: true });
    const again = await upload('copy-of-water.txt', 'Store one gallon of water per person per day.', { community: 'riverside' });
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(document.id);
    const read = await app.inject({ method: 'GET', url: `/api/documents/${document.id}`, headers: auth });
    expect(read.json()).toMatchObject({ id: document.id, processingMode: null, needsFullProcessing: false });
  });

  it('refuses empty, oversized and unknown files with clear errors and stores nothing', async () => {
    const before = (await app.inject({ method: 'GET', url: '/api/documents', headers: auth })).json().total;
    const filesBefore = countFiles(core.files.root);

    const empty = await upload('empty.pdf', new Uint8Array());
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.message).toMatch(/empty/i);

    const big = await upload('big.txt', 'x'.repeat(5000));
    expect(big.statusCode).toBe(413);

    const binary = await upload('mystery.bin', new Uint8Array(Array.from({ length: 512 }, (_, i) => (i * 7919) % 256)));
    expect(binary.statusCode).toBe(415);
    expect(binary.json().error.code).toBe('unsupported_type');

    const none = await app.inject({ method: 'POST', url: '/api/documents', headers: { ...auth, 'content-type': 'application/json' }, payload: '{}' });
    expect(none.statusCode).toBe(400);

    expect((await app.inject({ method: 'GET', url: '/api/documents', headers: auth })).json().total).toBe(before);
    expect(countFiles(core.files.root)).toBe(filesBefore);
  });

  it('returns 404 for unknown documents and routes, 400 for malformed JSON', async () => {
    const unknown = await app.inject({ method: 'GET', url: '/api/documents/00000000-0000-4000-8000-000000000000', headers: auth });
    expect(unknown.statusCode).toBe(404);
    const notAnId = await app.inject({ method: 'GET', url: '/api/documents/../../etc/passwd', headers: auth });
    expect(notAnId.statusCode).toBe(404);
    const route = await app.inject({ method: 'GET', url: '/api/nothing-here', headers: auth });
    expect(route.statusCode).toBe(404);
    expect(route.json().error.code).toBe('not_found');
    const malformed = await app.inject({ method: 'POST', url: '/api/ask', headers: { ...auth, 'content-type': 'application/json' }, payload: '{"question": ' });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.body).not.toContain('at ');
    const invalid = await app.inject({ method: 'POST', url: '/api/ask', headers: auth, payload: { question: '' } });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().error.message).toContain('question');
  });

  it('serves the OpenAPI description at /docs', async () => {
    const spec = (await app.inject({ method: 'GET', url: '/docs/json' })).json();
    expect(Object.keys(spec.paths)).toEqual(expect.arrayContaining(['/health', '/api/documents', '/api/documents/{id}', '/api/ask']));
    const ui = await app.inject({ method: 'GET', url: '/docs' });
    expect([200, 302]).toContain(ui.statusCode);
  });
});

function countFiles(root: string): number {
  try {
    return readdirSync(root, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile()).length;
  } catch {
    return 0;
  }
}
