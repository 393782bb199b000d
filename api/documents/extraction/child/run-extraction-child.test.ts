import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_LIMITS } from '../../../../test/fixtures/extract-fixture.ts';
import { makeFixtureDirectory, makePdfBomb, makeStructuredPdf, writeFixture } from '../../../../test/fixtures/make-fixtures.ts';
import { AppError } from '../../../errors/app-error.ts';
import { ProcessingMode, type ExtractionProgress } from '../extracted-document.ts';
import type { ExtractionJob } from '../extraction-request.ts';
import { runExtractionChild } from './run-extraction-child.ts';

let directory: string;
let bomb: string;
let structured: string;
beforeAll(async () => {
  directory = await makeFixtureDirectory();
  bomb = await writeFixture(directory, 'bomb.pdf', await makePdfBomb());
  structured = await writeFixture(directory, 'structured.pdf', makeStructuredPdf());
});
afterAll(() => rm(directory, { recursive: true, force: true }));

const job = (filePath: string, limits: Partial<ExtractionJob['limits']> = {}): ExtractionJob => ({
  filePath,
  fileType: 'pdf',
  kind: 'pdf',
  mode: ProcessingMode.cloudSimple,
  limits: { ...TEST_LIMITS, ...limits },
  ocrLangs: 'eng',
});

async function failureOf(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(() => undefined, (caught: unknown) => caught);
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

/** Counts event-loop ticks of this (parent) process while a promise runs. */
async function ticksDuring<T>(promise: Promise<T>): Promise<number> {
  let ticks = 0;
  const timer = setInterval(() => (ticks += 1), 50);
  await promise.catch(() => undefined);
  clearInterval(timer);
  return ticks;
}

describe('runExtractionChild', () => {
  it('streams progress page by page and returns the document with the peak memory it saw', async () => {
    const progress: ExtractionProgress[] = [];
    const run = await runExtractionChild(job(structured), { onProgress: (event) => progress.push(event) });
    expect(progress.filter((event) => event.stage === 'extracting')).toEqual([1, 2, 3].map((page) => ({ stage: 'extracting', page, pageCount: 3 })));
    expect(progress.at(-1)).toEqual({ stage: 'structuring' });
    expect(run.document.sections).toHaveLength(4);
    expect(run.peakRssBytes).toBeGreaterThan(0);
  });

  it('kills a child that exceeds the memory limit, even while its event loop is busy, and says so', async () => {
    const running = runExtractionChild(job(bomb, { memoryMb: 300, timeoutMs: 60_000 }));
    const ticks = ticksDuring(running);
    const error = await failureOf(running);
    // The memory limit, not the 60 s timer, ended it: the reason says which.
    expect(error.details).toMatchObject({ reason: 'out_of_memory', limit: '300 MB' });
    expect(error.message).toMatch(/more than 300 MB/);
    expect(await ticks).toBeGreaterThan(0);
  });

  it('kills a child that runs past the time limit', async () => {
    const started = Date.now();
    const error = await failureOf(runExtractionChild(job(bomb, { memoryMb: 4096, timeoutMs: 1_500 })));
    expect(error.details).toMatchObject({ reason: 'timeout', limit: '2 s' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_500);
  });

  it('stops the child when the caller aborts', async () => {
    const controller = new AbortController();
    const running = runExtractionChild(job(bomb, { memoryMb: 4096 }), { signal: controller.signal });
    setTimeout(() => controller.abort(new Error('moderator cancelled')), 300);
    await expect(running).rejects.toThrow('moderator cancelled');
  });
});
