import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertFixture } from '../../../test/fakes/fixture-documents.ts';
import { createTestRagServices } from '../../../test/fakes/rag-test-services.ts';
import { createTestDatabase, testEngine } from '../../../test/support/test-database.ts';
import { queryRows, type DatabaseHandle, type HubDatabase } from '../../db/database.ts';
import { chunks, communities } from '../../db/schema/index.ts';
import { BUILTIN_DIMENSIONS, BUILTIN_MODEL_ID, embedText } from '../embeddings/builtin-embedder.ts';
import { VectorStorage, vectorIndexDefinition } from './ensure-vector-index.ts';
import { applyVectorSearchSettings, DEFAULT_HNSW_EF_SEARCH, nearestChunksQuery, searchVectors } from './search-vectors.ts';

const space = { model: BUILTIN_MODEL_ID, dimensions: BUILTIN_DIMENSIONS };
/** More chunks than DEFAULT_HNSW_EF_SEARCH: the whole candidate list fills with the big community. */
const CROWD = 700;
const FEW = 12;
const K = 10;
/** PostgreSQL stores the index as halfvec; PGlite (WebAssembly, software half floats) keeps full precision. */
const expectedStorage = testEngine === 'postgres' ? VectorStorage.half : VectorStorage.full;

/**
 * The filtered-search trap: HNSW collects its ef_search nearest candidates first and filters after, so
 * a small community whose chunks are all farther than a big community's returns fewer than k rows.
 * pgvector's iterative scan keeps walking the graph; this test shows both behaviours on the index path.
 */
describe(`filtered vector search on ${testEngine}`, () => {
  let handle: DatabaseHandle;
  let small: string;
  const query = embedText('store drinking water in clean containers');

  beforeAll(async () => {
    handle = await createTestDatabase();
    await createTestRagServices(handle.db); // creates the built-in model's HNSW index
    const [big, little] = await handle.db.insert(communities).values([{ slug: 'big', name: 'Big' }, { slug: 'small', name: 'Small' }]).returning();
    small = little!.id;
    await seedChunks(handle.db, big!.id, CROWD, (i) => `Store drinking water in clean containers, note ${i}: one gallon per person per day for drinking and sanitation.`);
    await seedChunks(handle.db, small, FEW, (i) => `Community garden rota for week ${i}: compost, seedlings and the tool shed key.`);
    await handle.db.execute(sql`ANALYZE`);
    // 712 inserts into PGlite's HNSW index: seconds on a quiet machine, over a minute on a loaded one.
  }, 180_000);
  afterAll(async () => {
    await handle?.close();
  });

  const onIndexPath = (iterative: boolean) =>
    handle.db.transaction(async (tx) => {
      // Also forces the index path (a tiny table is cheaper to sort), as production gets at scale.
      const storage = await applyVectorSearchSettings(tx as unknown as HubDatabase, space, { iterative });
      return queryRows<{ id: string }>(tx as unknown as HubDatabase, nearestChunksQuery(space, query, { communityId: small }, K, storage));
    });

  it('returns fewer than k without iterative scans (the trap is real here)', async () => {
    expect((await onIndexPath(false)).length).toBeLessThan(K);
  });

  it('returns k with iterative scans, on the index path and through searchVectors', async () => {
    expect(await onIndexPath(true)).toHaveLength(K);
    const hits = await searchVectors(handle.db, space, query, { communityId: small }, K);
    expect(hits).toHaveLength(K);
    // Nearest first (up to float noise: pgvector computes distances in single precision).
    hits.slice(1).forEach((hit, i) => expect(hit.similarity).toBeLessThanOrEqual(hits[i]!.similarity + 1e-6));
  });

  it(`walks the ${expectedStorage} index and reports full-precision similarities`, async () => {
    const plan = await handle.db.transaction(async (tx) => {
      const storage = await applyVectorSearchSettings(tx as unknown as HubDatabase, space, { iterative: true });
      expect(storage).toBe(expectedStorage);
      const statement = nearestChunksQuery(space, query, { communityId: small }, K, storage);
      return JSON.stringify(await queryRows(tx as unknown as HubDatabase, sql`EXPLAIN ${statement}`));
    });
    expect(plan).toContain(vectorIndexDefinition(space, expectedStorage).name);
    const [best] = await searchVectors(handle.db, space, query, { communityId: small }, K);
    const [exact] = await queryRows<{ similarity: number }>(handle.db, sql`
      SELECT 1 - (embedding::vector(1024) <=> ${`[${query.join(',')}]`}::vector(1024)) AS similarity FROM chunks WHERE id = ${best!.chunkId}`);
    expect(best!.similarity).toBeCloseTo(Number(exact!.similarity), 6);
  });

  it('searches as wide as the HNSW_EF_SEARCH setting passed in, and refuses values SET cannot take', async () => {
    const efSearchIn = (options: { iterative: boolean; efSearch?: number }) =>
      handle.db.transaction(async (tx) => {
        await applyVectorSearchSettings(tx as unknown as HubDatabase, space, options);
        const [row] = await queryRows<{ value: string }>(tx as unknown as HubDatabase, sql`SELECT current_setting('hnsw.ef_search') AS value`);
        return Number(row!.value);
      });
    expect(await efSearchIn({ iterative: true })).toBe(DEFAULT_HNSW_EF_SEARCH);
    expect(await efSearchIn({ iterative: true, efSearch: 450 })).toBe(450);
    await expect(efSearchIn({ iterative: true, efSearch: 1.5 })).rejects.toThrow(/whole number/);
  });
});

async function seedChunks(db: HubDatabase, communityId: string, count: number, text: (i: number) => string): Promise<void> {
  const documentId = await insertFixture(db, { filename: `${communityId}.txt`, title: 'seed', sections: [] }, { communityId });
  const rows = Array.from({ length: count }, (_, i) => ({
    documentId, communityId, position: i, text: text(i), embedding: embedText(text(i)), embeddingModel: BUILTIN_MODEL_ID,
    embeddingDims: BUILTIN_DIMENSIONS, ftsConfig: 'english', tsv: sql`to_tsvector('english', ${text(i)})`,
  }));
  await db.insert(chunks).values(rows as never);
}
