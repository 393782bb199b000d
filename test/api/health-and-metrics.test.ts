import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HubCore } from '../../api/core/hub-core.ts';
import { buildServer } from '../../api/server.ts';
import { multipartBody } from '../support/multipart-body.ts';
import { createTestCore } from '../support/test-core.ts';
import { testEngine } from '../support/test-database.ts';

const TOKEN = 'metrics-token-0123456789abcdef';
const auth = { authorization: `Bearer ${TOKEN}` };

/** The value of one sample line, e.g. `hub_documents{status="queued",needs_full="false"} 1`. */
function sample(text: string, line: RegExp): number | undefined {
  const found = text.split('\n').find((candidate) => line.test(candidate));
  return found === undefined ? undefined : Number(found.slice(found.lastIndexOf(' ') + 1));
}

describe(`health probes and /metrics on ${testEngine}`, () => {
  let core: HubCore;
  let app: FastifyInstance;
  beforeAll(async () => {
    core = await createTestCore({ DEPLOYMENT_MODE: 'cloud', HUB_API_TOKEN: TOKEN, LLM_PROVIDER: 'none' });
    app = await buildServer(core);
  });
  afterAll(async () => {
    await app?.close();
    await core?.close();
  });

  it('hides database and model names from /health in the cloud unless the token is sent', async () => {
    const anonymous = await app.inject({ method: 'GET', url: '/health' });
    expect(anonymous.statusCode).toBe(200);
    expect(anonymous.json()).toEqual({
      status: 'ok',
      mode: 'cloud',
      uptimeSeconds: expect.any(Number),
      sync: { mode: 'standalone', lastSuccessAt: null, pendingPush: 0, pendingPull: null, openConflicts: 0 },
    });
    expect(anonymous.body).not.toContain(core.database.location);
    const lowerCaseBearer = await app.inject({ method: 'GET', url: '/health', headers: { authorization: `bearer ${TOKEN}` } });
    expect(lowerCaseBearer.json().components.database.detail).toContain(core.database.location);
    expect(lowerCaseBearer.json().components.answering.detail).toContain('extractive');
  });

  it('is live and ready while serving, and not ready once it is stopping', async () => {
    expect((await app.inject({ method: 'GET', url: '/health/live' })).json()).toEqual({ status: 'alive' });
    const ready = await app.inject({ method: 'GET', url: '/health/ready' });
    expect(ready.statusCode).toBe(200);
    const separate = await createTestCore({ HUB_API_TOKEN: TOKEN });
    const separateApp = await buildServer(separate);
    try {
      separate.lifecycle.markStopping();
      const stopping = await separateApp.inject({ method: 'GET', url: '/health/ready' });
      expect(stopping.statusCode).toBe(503);
      expect(stopping.json().status).toBe('stopping');
      expect((await separateApp.inject({ method: 'GET', url: '/health/live' })).statusCode).toBe(200);
    } finally {
      await separateApp.close();
      await separate.close();
    }
  });

  it('serves /metrics only with the token', async () => {
    expect((await app.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(401);
    expect((await app.inject({ method: 'GET', url: '/metrics', headers: { authorization: 'Bearer wrong' } })).statusCode).toBe(401);
  });

  it('counts questions by provider and outcome, answer latency, documents by status and queue depth', async () => {
    const body = multipartBody({}, { field: 'file', filename: 'kit.txt', content: 'A go-bag holds water, a torch and copies of documents.' });
    const upload = await app.inject({ method: 'POST', url: '/api/documents', headers: { ...auth, 'content-type': body.contentType }, payload: body.payload });
    expect(upload.statusCode).toBe(201);
    for (const question of ['what is in a go-bag?', 'how do I register a boat?']) {
      expect((await app.inject({ method: 'POST', url: '/api/ask', headers: auth, payload: { question } })).statusCode).toBe(200);
    }
    const response = await app.inject({ method: 'GET', url: '/metrics', headers: auth });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/plain');
    const text = response.body;
    // No worker runs here: the upload waits in the queue, and nothing is indexed, so nothing is found.
    expect(sample(text, /^hub_questions_total\{provider="none",outcome="not_found"\}/)).toBe(2);
    expect(sample(text, /^hub_answer_duration_seconds_count /)).toBe(2);
    expect(sample(text, /^hub_answer_duration_seconds_bucket\{le="\+Inf"\}/)).toBe(2);
    expect(text).toMatch(/^# TYPE hub_answer_duration_seconds histogram$/m);
    expect(sample(text, /^hub_documents\{status="queued",needs_full="false"\}/)).toBe(1);
    expect(sample(text, /^hub_queue_jobs\{queue="process-document",state="queued"\}/)).toBe(1);
    expect(sample(text, /^hub_process_resident_memory_bytes /)).toBeGreaterThan(0);
  });
});
