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
 * Word weights must not depend on whether autovacuum has analysed the table yet: the same question
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

  const frequencies = () => new TermStatistics().documentFrequencies(handle.db, 'english', ['water', 'chlorin', 'iodin']);

  it('are the same before and after ANALYZE, common words capped alike', async () => {
    const before = await frequencies();
    await handle.db.execute(sql`ANALYZE chunks`);
    const summary = await new TermStatistics().corpus(handle.db);
    // The statistics now know "water": the second reading takes it from there, not from a count.
    expect(summary.common.get('water')).toBeCloseTo(1, 2);
    const after = await frequencies();
    expect(Object.fromEntries(after)).toEqual(Object.fromEntries(before));
    // 10% of 300 chunks is below the floor of 100: "water" (300 chunks) counts as 100.
    expect(Object.fromEntries(after)).toEqual({ water: 100, chlorin: CHUNKS / 20, iodin: 1 });
  });
});
