import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertFixture } from '../../../test/fakes/fixture-documents.ts';
import { createTestDatabase, testEngine } from '../../../test/support/test-database.ts';
import type { DatabaseHandle } from '../../db/database.ts';
import { chunks } from '../../db/schema/index.ts';
import { BUILTIN_DIMENSIONS, BUILTIN_MODEL_ID, embedText } from '../embeddings/builtin-embedder.ts';
import { TermStatistics } from './term-statistics.ts';

/** "water" is in every chunk, "chlorine" in every 20th, "iodine" in one: common, uncommon, rare. */
const CHUNKS = 300;
const textOf = (i: number) => `Store water safely, note ${i}.${i % 20 === 0 ? ' Chlorine tablets help.' : ''}${i === 7 ? ' Iodine too.' : ''}`;

/**
 * Word weights must not depend on whether or when autovacuum analysed the table: the same question
 * over the same documents ranked a different guide first once PostgreSQL's statistics existed.
 */
describe(`document frequencies on ${testEngine}`, () => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await createTestDatabase();
    const documentId = await insertFixture(handle.db, { filename: 'water.txt', title: 'Water', sections: [] });
    await handle.db.insert(chunks).values(Array.from({ length: CHUNKS }, (_, i) => ({
      documentId, communityId: null, position: i, text: textOf(i), embedding: embedText(textOf(i)), embeddingModel: BUILTIN_MODEL_ID,
      embeddingDims: BUILTIN_DIMENSIONS, ftsConfig: 'english', tsv: sql`to_tsvector('english', ${textOf(i)})`,
    })) as never);
  });
  afterAll(async () => {
    await handle?.close();
  });

  const frequencies = (statistics = new TermStatistics()) => statistics.documentFrequencies(handle.db, 'english', ['water', 'chlorin', 'iodin']);

  it('are exact counts in a small corpus, the same before and after ANALYZE', async () => {
    const before = await frequencies();
    // 10% of 300 chunks is below the floor of 100: "water" (in all 300 chunks) counts as 100.
    expect(Object.fromEntries(before)).toEqual({ water: 100, chlorin: CHUNKS / 20, iodin: 1 });
    await handle.db.execute(sql`ANALYZE chunks`);
    const statistics = new TermStatistics();
    expect((await statistics.corpus(handle.db)).common.size).toBe(0);
    expect(Object.fromEntries(await frequencies(statistics))).toEqual(Object.fromEntries(before));
  });

  it('take common words from the statistics in a large corpus, capped like counted ones', async () => {
    await handle.db.execute(sql`ANALYZE chunks`);
    const statistics = new TermStatistics({ statisticsFromChunks: 100 });
    // The statistics know "water" (an estimate: ANALYZE counts lossily), so it is not counted...
    expect((await statistics.corpus(handle.db)).common.get('water')).toBeGreaterThan(0.5);
    // ...and it weighs what a counted common word weighs.
    expect((await frequencies(statistics)).get('water')).toBe(100);
  });
});
