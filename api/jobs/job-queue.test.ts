import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { createTestDatabase, testEngine } from '../../test/support/test-database.ts';
import type { DatabaseHandle } from '../db/database.ts';
import { startJobQueue, type JobQueue } from './job-queue.ts';
import { JobName } from './job-types.ts';

describe(`job queue on ${testEngine}`, () => {
  let database: DatabaseHandle;
  let queue: JobQueue;
  beforeAll(async () => {
    database = await createTestDatabase();
    queue = await startJobQueue(database, pino({ level: 'silent' }), { retryDelaySeconds: 1 });
  });
  afterAll(async () => {
    await queue?.stop();
    await database?.close();
  });

  it('keeps at most one pending job per key, then runs it with its payload', async () => {
    expect(await queue.send(JobName.processDocument, { documentId: 'doc-1' }, { key: 'doc-1' })).toBe(true);
    expect(await queue.send(JobName.processDocument, { documentId: 'doc-1' }, { key: 'doc-1' })).toBe(false);
    expect(await queue.isQueued(JobName.processDocument, 'doc-1')).toBe(true);
    const seen: string[] = [];
    const finished = new Promise<void>((resolve) => {
      void queue.work(JobName.processDocument, async (payload) => {
        seen.push(payload.documentId);
        resolve();
        return { status: 'done' };
      });
    });
    await finished;
    expect(seen).toEqual(['doc-1']);
  });

  it('retries a job whose handler threw', async () => {
    let attempts = 0;
    const done = new Promise<number>((resolve) => {
      void queue.work(JobName.reembedChunks, async () => {
        attempts++;
        if (attempts === 1) throw new Error('database blip');
        resolve(attempts);
        return { status: 'done' };
      });
    });
    await queue.send(JobName.reembedChunks, { reason: 'test' });
    expect(await done).toBe(2);
  }, 30_000);
});
