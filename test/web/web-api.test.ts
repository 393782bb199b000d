import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HubCore } from '../../api/core/hub-core.ts';
import { documents, questionLog } from '../../api/db/schema/index.ts';
import { buildServer } from '../../api/server.ts';
import { setWebAccessCode } from '../../api/web/set-web-access-code.ts';
import { startWorkers } from '../../workers/start-workers.ts';
import { multipartBody } from '../support/multipart-body.ts';
import { createTestCore } from '../support/test-core.ts';
import { testEngine } from '../support/test-database.ts';
import { addCommunity, addNewsAndFaq, addReadyDocument, makeWaterGuidePdf } from './seed-web-content.ts';

const CODE = 'RIVER-SIDE-42';
const QUESTION = 'how many drops of bleach per gallon of water';

/** Parses a text/event-stream body into its events' data. */
function readEvents(body: string): Array<{ type: string; [key: string]: unknown }> {
  return body.split('\n\n').filter((block) => block.includes('data: ')).map((block) => JSON.parse(block.slice(block.indexOf('data: ') + 6)));
}

describe(`the members' page API on ${testEngine}`, () => {
  let core: HubCore;
  let app: FastifyInstance;
  let guideId: string;
  let riversideId: string;
  let admitted: string;

  beforeAll(async () => {
    core = await createTestCore({ LLM_PROVIDER: 'none' });
    await startWorkers(core);
    app = await buildServer(core);
    riversideId = await addCommunity(core, 'riverside', 'Riverside', CODE);
    await addCommunity(core, 'hillside', 'Hillside');
    guideId = await addReadyDocument(core, { bytes: makeWaterGuidePdf(), filename: 'water-guide.pdf' });
    await addNewsAndFaq(core, riversideId);
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await core?.close();
  });

  const ask = (id: string, body: Record<string, unknown>, headers: Record<string, string> = {}) =>
    app.inject({ method: 'PUT', url: `/api/web/questions/${id}`, headers, payload: body });
  const logRows = (question: string) => core.db.select().from(questionLog).where(eq(questionLog.question, question));

  it('answers a question once per id, logs it with channel web and replays the answer to a repeat', async () => {
    const id = randomUUID();
    const first = await ask(id, { question: QUESTION });
    expect(first.statusCode).toBe(200);
    const answer = first.json();
    expect(answer).toMatchObject({ provider: 'extractive', answered: true });
    expect(answer.citations[0]).toMatchObject({ documentId: guideId, title: 'Emergency Water Guide', pages: [2], original: { url: `/api/web/documents/${guideId}/file`, fileType: 'pdf' } });
    const again = await ask(id, { question: QUESTION });
    expect(again.json()).toMatchObject({ answer: answer.answer, questionId: answer.questionId, repeated: true });
    const rows = await logRows(QUESTION);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ channel: 'web', id: answer.questionId });
  });

  it('answers the same id sent three times at once exactly once', async () => {
    const id = randomUUID();
    const question = 'how long should bleached water stand';
    const responses = await Promise.all([1, 2, 3].map(() => ask(id, { question })));
    expect(responses.map((response) => response.statusCode)).toEqual([200, 200, 200]);
    expect(new Set(responses.map((response) => response.json().questionId)).size).toBe(1);
    expect(responses.filter((response) => response.json().repeated).length).toBe(2);
    expect(await logRows(question)).toHaveLength(1);
  });

  it('streams sources, tokens and done, and replays a repeat as a stream', async () => {
    const id = randomUUID();
    const question = 'how long to boil water';
    const stream = await ask(id, { question }, { accept: 'text/event-stream' });
    expect(stream.headers['content-type']).toContain('text/event-stream');
    const events = readEvents(stream.body);
    expect(events[0]).toMatchObject({ type: 'sources' });
    expect(events.some((event) => event.type === 'token')).toBe(true);
    const done = events.at(-1) as { type: string; result: { questionId: string; citations: Array<{ original: unknown }> } };
    expect(done.type).toBe('done');
    expect(done.result.citations[0]!.original).toMatchObject({ fileType: 'pdf' });
    const replay = readEvents((await ask(id, { question }, { accept: 'text/event-stream' })).body);
    expect(replay.map((event) => event.type)).toEqual(['sources', 'token', 'done']);
    expect(replay[2]).toMatchObject({ result: { questionId: done.result.questionId, repeated: true } });
    expect(await logRows(question)).toHaveLength(1);
  });

  it('refuses an id that is not a UUID, or reused for another kind of item', async () => {
    expect((await ask('not-a-uuid', { question: QUESTION })).statusCode).toBe(400);
    const id = randomUUID();
    await ask(id, { question: 'what about tornadoes' });
    const body = multipartBody({}, { field: 'file', filename: 'notes.txt', content: 'Meeting point: the church.' });
    const upload = await app.inject({ method: 'PUT', url: `/api/web/uploads/${id}`, headers: { 'content-type': body.contentType }, payload: body.payload });
    expect(upload.statusCode).toBe(409);
  });

  it('keeps a community behind its access code until the code is entered, and forgets an old code', async () => {
    const status = await app.inject({ url: '/api/web/status?community=riverside' });
    expect(status.json()).toMatchObject({ deploymentMode: 'local', sync: { mode: 'standalone' }, community: { name: 'Riverside', accessCodeRequired: true, admitted: false } });
    const refused = await ask(randomUUID(), { question: QUESTION, community: 'riverside' });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.details).toMatchObject({ reason: 'access_code_required', community: 'riverside' });
    const wrong = await app.inject({ method: 'POST', url: '/api/web/communities/riverside/access', payload: { code: 'guess' } });
    expect(wrong.statusCode).toBe(403);
    expect(wrong.json().error.details.reason).toBe('wrong_access_code');

    const right = await app.inject({ method: 'POST', url: '/api/web/communities/riverside/access', payload: { code: CODE } });
    expect(right.statusCode).toBe(204);
    const setCookie = String(right.headers['set-cookie']);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    expect(setCookie).not.toContain(CODE);
    admitted = setCookie.split(';')[0]!;
    expect((await app.inject({ url: '/api/web/status?community=riverside', headers: { cookie: admitted } })).json().community.admitted).toBe(true);
    expect((await ask(randomUUID(), { question: QUESTION, community: 'riverside' }, { cookie: admitted })).statusCode).toBe(200);
    expect((await app.inject({ url: '/api/web/faq?community=riverside' })).statusCode).toBe(403);

    await setWebAccessCode(core.db, 'riverside', 'NEW-CODE-77');
    expect((await app.inject({ url: '/api/web/faq?community=riverside', headers: { cookie: admitted } })).statusCode).toBe(403);
    await setWebAccessCode(core.db, 'riverside', CODE);
  });

  it('lets only the hub\'s own machine set access codes when the hub has no API token', async () => {
    const fromNeighbour = await app.inject({ method: 'PUT', url: '/api/web/communities/hillside/access-code', payload: { generate: true }, remoteAddress: '192.168.1.50' });
    expect(fromNeighbour.statusCode).toBe(403);
    const fromHub = await app.inject({ method: 'PUT', url: '/api/web/communities/hillside/access-code', payload: { generate: true } });
    expect(fromHub.statusCode).toBe(200);
    expect(fromHub.json().code).toMatch(/^[A-Z2-9]{4}-/);
    const tooShort = await app.inject({ method: 'PUT', url: '/api/web/communities/hillside/access-code', payload: { code: 'abc' } });
    expect(tooShort.statusCode).toBe(400);
    expect(tooShort.json().error.message).toContain('6 to 100 characters');
    const reopened = await app.inject({ method: 'PUT', url: '/api/web/communities/hillside/access-code', payload: { code: null } });
    expect(reopened.json()).toMatchObject({ slug: 'hillside', code: null });
  });

  it('names an unknown community instead of creating it', async () => {
    const response = await ask(randomUUID(), { question: QUESTION, community: 'nowhere' });
    expect(response.statusCode).toBe(404);
    expect(response.json().error.message).toContain('nowhere');
    expect((await app.inject({ url: '/api/web/status?community=nowhere' })).statusCode).toBe(404);
  });

  it('lists the community\'s FAQ and current updates with the global ones, never an expired update', async () => {
    const faq = (await app.inject({ url: '/api/web/faq?community=riverside', headers: { cookie: admitted } })).json();
    expect(faq.entries.map((entry: { question: string }) => entry.question).sort()).toEqual(['How do I make water safe to drink?', 'Where is the nearest shelter?']);
    const globalFaq = (await app.inject({ url: '/api/web/faq' })).json();
    expect(globalFaq.entries.map((entry: { question: string }) => entry.question)).toEqual(['How do I make water safe to drink?']);
    const updates = (await app.inject({ url: '/api/web/updates?community=riverside', headers: { cookie: admitted } })).json();
    expect(updates.updates.map((update: { title: string }) => update.title)).toEqual(['Water point open']);
    expect((await app.inject({ url: '/api/web/updates?community=hillside' })).json().updates).toEqual([]);
  });

  it('stores an upload from the page once, waiting for a moderator, like a member\'s chat upload', async () => {
    const id = randomUUID();
    const send = () => {
      const body = multipartBody({ community: 'riverside' }, { field: 'file', filename: 'evacuation-plan.txt', content: 'Evacuation: meet at the school on Mill Road.' });
      return app.inject({ method: 'PUT', url: `/api/web/uploads/${id}`, headers: { 'content-type': body.contentType, cookie: admitted }, payload: body.payload });
    };
    const first = await send();
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ id, filename: 'evacuation-plan.txt', status: 'pending_review', duplicate: false });
    const again = await send();
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ documentId: first.json().documentId, repeated: true });
    const rows = await core.db.select().from(documents).where(eq(documents.filename, 'evacuation-plan.txt'));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: 'pending_review', uploadedVia: 'web', approvedAt: null, communityId: riversideId });

    const bad = multipartBody({}, { field: 'file', filename: 'mystery.bin', content: new Uint8Array(Array.from({ length: 512 }, (_, i) => (i * 7919) % 256)) });
    const refused = await app.inject({ method: 'PUT', url: `/api/web/uploads/${randomUUID()}`, headers: { 'content-type': bad.contentType }, payload: bad.payload });
    expect(refused.statusCode).toBe(415);

    const pendingFile = await app.inject({ url: `/api/web/documents/${rows[0]!.id}/file?community=riverside`, headers: { cookie: admitted } });
    expect(pendingFile.statusCode).toBe(404);
  });

  it('serves an approved PDF inline for opening at a page, and nothing from another community', async () => {
    const file = await app.inject({ url: `/api/web/documents/${guideId}/file` });
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(file.headers['content-disposition']).toMatch(/^inline; filename\*=UTF-8''water-guide\.pdf/);
    expect(file.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');

    const notes = await addReadyDocument(core, { bytes: Buffer.from('Riverside sandbag depot: behind the library.'), filename: 'sandbags.txt' }, 'riverside');
    expect((await app.inject({ url: `/api/web/documents/${notes}/file?community=hillside` })).statusCode).toBe(404);
    expect((await app.inject({ url: `/api/web/documents/${notes}/file?community=riverside` })).statusCode).toBe(403);
    const text = await app.inject({ url: `/api/web/documents/${notes}/file?community=riverside`, headers: { cookie: admitted } });
    expect(text.statusCode).toBe(200);
    expect(text.headers['content-disposition']).toMatch(/^attachment/);
    expect(text.headers['content-security-policy']).toBe('sandbox');
  }, 60_000);
});

describe(`the members' page API in cloud mode on ${testEngine}`, () => {
  const TOKEN = 'cloud-token-0123456789abcdef';
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

  it('follows the API token: the page\'s calls need it, the page itself does not', async () => {
    expect((await app.inject({ url: '/api/web/status' })).statusCode).toBe(401);
    expect((await app.inject({ method: 'PUT', url: `/api/web/questions/${randomUUID()}`, payload: { question: QUESTION } })).statusCode).toBe(401);
    const withToken = await app.inject({ url: '/api/web/status', headers: { authorization: `Bearer ${TOKEN}` } });
    expect(withToken.json()).toMatchObject({ deploymentMode: 'cloud' });
    expect((await app.inject({ url: '/' })).statusCode).not.toBe(401);
  });
});
