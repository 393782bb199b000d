import type { FastifyInstance } from 'fastify';
import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HubCore } from '../../api/core/hub-core.ts';
import { buildServer } from '../../api/server.ts';
import { startWorkers } from '../../workers/start-workers.ts';
import { corpusAvailable, corpusFile } from '../fixtures/corpus.ts';
import { makeDocx, makePdfBomb, makeScannedPdf, makeStructuredPdf, makeTextImage, TEXT_PRETENDING_TO_BE_PDF } from '../fixtures/make-fixtures.ts';
import { multipartBody } from '../support/multipart-body.ts';
import { createTestCore, waitFor } from '../support/test-core.ts';
import { testEngine } from '../support/test-database.ts';

const TOKEN = 'processing-test-token-0123456789';
const FINAL = new Set(['ready', 'failed']);

interface Hub {
  core: HubCore;
  app: FastifyInstance;
}

async function startHubWithWorkers(env: Record<string, string>): Promise<Hub> {
  const core = await createTestCore({ HUB_API_TOKEN: TOKEN, ...env });
  await startWorkers(core);
  return { core, app: await buildServer(core) };
}

async function upload(hub: Hub, filename: string, bytes: Uint8Array | string): Promise<{ id: string; status: string; statusCode: number; body: string }> {
  const body = multipartBody({}, { field: 'file', filename, content: bytes });
  const response = await hub.app.inject({ method: 'POST', url: '/api/documents', headers: { authorization: `Bearer ${TOKEN}`, 'content-type': body.contentType }, payload: body.payload });
  const json = response.json();
  return { id: json.id, status: json.status, statusCode: response.statusCode, body: response.body };
}

async function processed(hub: Hub, id: string, timeoutMs = 90_000) {
  return waitFor(async () => {
    const response = await hub.app.inject({ method: 'GET', url: `/api/documents/${id}`, headers: { authorization: `Bearer ${TOKEN}` } });
    const document = response.json();
    return FINAL.has(document.status) && document.progress?.stage !== 'embedding' ? document : undefined;
  }, timeoutMs, `document ${id} to finish`);
}

describe(`basic processing in the cloud, full processing when asked, on ${testEngine}`, () => {
  let cloud: Hub;
  beforeAll(async () => {
    // Room for OCR when full processing is asked for, as on a larger plan; the 512 MB plan's parser
    // budget, which leaves such files to a local instance, is tested in cloud-parser-budget.test.ts.
    cloud = await startHubWithWorkers({ DEPLOYMENT_MODE: 'cloud', PROCESSING_MEMORY_MB: '768' });
  });
  afterAll(async () => {
    await cloud?.app.close();
    await cloud?.core.close();
  });

  it('extracts digital PDFs in the cloud and marks scans, images and office files for a local instance', async () => {
    const files = { 'guide.pdf': makeStructuredPdf(), 'scan.pdf': await makeScannedPdf(), 'plan.docx': makeDocx(), 'photo.png': makeTextImage() };
    const ids = Object.fromEntries(await Promise.all(Object.entries(files).map(async ([name, bytes]) => [name, (await upload(cloud, name, bytes)).id])));
    const guide = await processed(cloud, ids['guide.pdf']);
    expect(guide).toMatchObject({ status: 'ready', processingMode: 'cloud_simple', needsFullProcessing: false, pageCount: 3 });
    expect(guide.sections.map((s: { heading: string }) => s.heading)).toEqual(expect.arrayContaining(['Water Safety', 'Storing Water', 'Boiling Water']));
    for (const name of ['scan.pdf', 'plan.docx', 'photo.png']) {
      const document = await processed(cloud, ids[name]);
      expect(document, name).toMatchObject({ status: 'ready', processingMode: 'cloud_simple', needsFullProcessing: true });
    }
  }, 120_000);

  it('runs full processing (OCR) on request and clears needs_full_processing', async () => {
    const scan = await upload(cloud, 'scan-again.pdf', await makeScannedPdf());
    await processed(cloud, scan.id);
    const response = await cloud.app.inject({ method: 'POST', url: `/api/documents/${scan.id}/reprocess`, headers: { authorization: `Bearer ${TOKEN}` }, payload: { mode: 'local_full' } });
    expect(response.statusCode).toBe(200);
    const document = await waitFor(async () => {
      const current = await processed(cloud, scan.id);
      return current.processingMode === 'local_full' ? current : undefined;
    }, 120_000, 'the full result');
    expect(document).toMatchObject({ status: 'ready', needsFullProcessing: false });
    expect(document.content).toMatch(/Flood Warning/);
    expect(document.content).toMatch(/switch off the power/);
  }, 150_000);
});

describe(`hostile uploads through the API and the queue on ${testEngine}`, () => {
  let hub: Hub;
  beforeAll(async () => {
    hub = await startHubWithWorkers({ PROCESSING_MEMORY_MB: '512', PROCESSING_TIMEOUT_SECONDS: '60', PROCESSING_CONCURRENCY: '2' });
  });
  afterAll(async () => {
    await hub?.app.close();
    await hub?.core.close();
  });

  /**
   * Uploads the files and polls until each is final; /health is asked on every poll. Returns the
   * documents, how often /health answered while some document was still being parsed (the parser runs
   * in a child process, so the API must keep answering: an ordering, not a wall-clock bound) and the
   * peak memory growth of this process.
   */
  async function processThroughApi(inputs: Array<[string, Uint8Array | string]>) {
    const rssBefore = process.memoryUsage().rss;
    const accepted: Array<{ name: string; id: string }> = [];
    for (const [name, bytes] of inputs) {
      const result = await upload(hub, name, bytes);
      if (result.statusCode === 201) accepted.push({ name, id: result.id });
      else expect(JSON.parse(result.body).error.message.length, name).toBeGreaterThan(20);
    }
    let healthWhileParsing = 0;
    let peakRss = rssBefore;
    const outcomes = await Promise.all(accepted.map(async ({ name, id }) => {
      const document = await waitFor(async () => {
        const health = await hub.app.inject({ method: 'GET', url: '/health' });
        expect(health.statusCode).toBe(200);
        peakRss = Math.max(peakRss, process.memoryUsage().rss);
        const response = await hub.app.inject({ method: 'GET', url: `/api/documents/${id}`, headers: { authorization: `Bearer ${TOKEN}` } });
        const current = response.json();
        if (current.status === 'processing') healthWhileParsing += 1;
        return FINAL.has(current.status) ? current : undefined;
      }, 180_000, `${name} to finish`);
      return { name, document };
    }));
    for (const { name, document } of outcomes) {
      if (document.status === 'ready') expect(document.content.length, name).toBeGreaterThan(0);
      else expect(document.error.reason.length, name).toBeGreaterThan(20);
    }
    return { outcomes: new Map(outcomes.map(({ name, document }) => [name, document])), healthWhileParsing, rssGrowth: peakRss - rssBefore };
  }

  it('ends every file ready or failed with a reason while /health keeps answering and memory stays bounded', async () => {
    const { outcomes, healthWhileParsing, rssGrowth } = await processThroughApi([
      ['bomb.pdf', await makePdfBomb(768)],
      ['not-really.pdf', TEXT_PRETENDING_TO_BE_PDF],
      ['half.pdf', makeStructuredPdf().subarray(0, 900)],
    ]);
    expect(outcomes.get('bomb.pdf')).toMatchObject({ status: 'failed', error: { reason: expect.stringMatching(/more than 512 MB/) } });
    expect(outcomes.get('not-really.pdf')).toMatchObject({ status: 'ready', fileType: 'txt' });
    expect(outcomes.get('half.pdf')).toMatchObject({ status: 'failed', error: { reason: expect.stringMatching(/damaged or truncated/) } });
    expect(healthWhileParsing).toBeGreaterThan(0);
    expect(rssGrowth).toBeLessThan(400 * 1024 * 1024);
  }, 240_000);

  it.skipIf(!corpusAvailable('hostile corpus PDFs through the API'))('ends every hostile corpus PDF ready or failed with a reason', async () => {
    const hostile = readdirSync(corpusFile('hostile')).filter((name) => name.endsWith('.pdf')).slice(0, 12);
    const { outcomes, rssGrowth } = await processThroughApi(hostile.map((name) => [name, readFileSync(corpusFile('hostile', name))]));
    expect(outcomes.size).toBeGreaterThan(0);
    expect(rssGrowth).toBeLessThan(400 * 1024 * 1024);
  }, 240_000);
});
