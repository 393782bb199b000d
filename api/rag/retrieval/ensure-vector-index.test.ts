import { sql } from 'drizzle-orm';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertFixture } from '../../../test/fakes/fixture-documents.ts';
import { createTestDatabase, testEngine } from '../../../test/support/test-database.ts';
import { queryRows, type DatabaseHandle, type HubDatabase } from '../../db/database.ts';
import { chunks, communities } from '../../db/schema/index.ts';
import { parseConfig } from '../../config/load-config.ts';
import { createRagServices } from '../create-rag-services.ts';
import { BUILTIN_DIMENSIONS, BUILTIN_MODEL_ID, embedText } from '../embeddings/builtin-embedder.ts';
import { chooseVectorStorage, ensureVectorIndex, vectorIndexUpgradePending, VectorStorage, vectorIndexDefinition, type EnsuredIndexes } from './ensure-vector-index.ts';
import { applyVectorSearchSettings, searchVectors } from './search-vectors.ts';
import { vectorIndexName } from './vector-space.ts';

const space = { model: BUILTIN_MODEL_ID, dimensions: BUILTIN_DIMENSIONS };
const otherSpace = { model: 'other:model', dimensions: 8 };
const family = vectorIndexName(space);
/** PostgreSQL stores the index as halfvec; PGlite (WebAssembly, software half floats) keeps full precision. */
const expectedStorage = testEngine === 'postgres' ? VectorStorage.half : VectorStorage.full;

/**
 * Installs made before the index definition changed have the old index (full precision, m 32,
 * ef_construction 128, unversioned name): on PostgreSQL the first ensureVectorIndex after the upgrade
 * must build the halfvec index and drop the old ones, so inserts stop maintaining two; on PGlite that
 * old index is still the current definition and must be kept (no rebuild). Searches follow whichever
 * index exists.
 */
describe(`vector index upgrade on ${testEngine}`, () => {
  let handle: DatabaseHandle;
  let communityId: string;

  beforeAll(async () => {
    handle = await createTestDatabase();
    const [community] = await handle.db.insert(communities).values({ slug: 'upgrade', name: 'Upgrade' }).returning();
    communityId = community!.id;
    await seedChunks(handle.db, communityId);
    // The definition before halfvec (as created by earlier versions) and a stale versioned one.
    const where = `WHERE embedding_model = '${BUILTIN_MODEL_ID}'`;
    await handle.db.execute(sql.raw(`CREATE INDEX ${family} ON chunks USING hnsw ((embedding::vector(1024)) vector_cosine_ops) WITH (m = 32, ef_construction = 128) ${where}`));
    await handle.db.execute(sql.raw(`CREATE INDEX ${family}_000000 ON chunks USING hnsw ((embedding::vector(1024)) vector_cosine_ops) ${where}`));
    // Another model's index is not ours to drop.
    await handle.db.execute(sql.raw(`CREATE INDEX ${vectorIndexName(otherSpace)} ON chunks USING hnsw ((embedding::vector(8)) vector_cosine_ops) WHERE embedding_model = 'other:model'`));
  });
  afterAll(async () => {
    await handle?.close();
  });

  it(`replaces indexes of other definitions by the current one (${expectedStorage}) and leaves other models alone`, async () => {
    expect(await chooseVectorStorage(handle.db)).toBe(expectedStorage);
    // Until the new index exists, searches use the old full-precision one.
    expect(await storageSearched()).toBe(VectorStorage.full);
    const ensured: EnsuredIndexes = new Map();
    expect(await vectorIndexUpgradePending(handle.db, space)).toBe(testEngine === 'postgres');
    await ensureVectorIndex(handle.db, space, ensured);
    expect(await vectorIndexUpgradePending(handle.db, space)).toBe(false);
    const current = vectorIndexDefinition(space, expectedStorage);
    expect(current.name === family).toBe(testEngine === 'pglite');
    const indexes = await chunkIndexes(handle.db);
    expect(indexes.filter((i) => i.name.startsWith('chunks_hnsw_')).map((i) => i.name).sort()).toEqual([current.name, vectorIndexName(otherSpace)].sort());
    const efConstruction = expectedStorage === VectorStorage.half ? 256 : 128;
    expect(indexes.find((i) => i.name === current.name)!.definition).toMatch(new RegExp(`${expectedStorage}_cosine_ops.*m='?32'?, ef_construction='?${efConstruction}'?`));
    expect(await storageSearched()).toBe(expectedStorage);
    expect(ensured.has(family)).toBe(true);
    // Later callers share the finished build instead of asking the catalogue again.
    expect(ensureVectorIndex(handle.db, space, ensured)).toBe(ensured.get(family));
  });

  it('is a no-op when the current index exists, also for two processes at once', async () => {
    const before = await chunkIndexes(handle.db);
    await Promise.all([ensureVectorIndex(handle.db, space, new Map()), ensureVectorIndex(handle.db, space, new Map())]);
    expect(await chunkIndexes(handle.db)).toEqual(before);
  });

  it('searches through the new index afterwards', async () => {
    const hits = await searchVectors(handle.db, space, embedText('boil water for one minute'), { communityId }, 5);
    expect(hits).toHaveLength(5);
    expect(hits[0]!.similarity).toBeGreaterThan(0.3);
  });

  const storageSearched = () => handle.db.transaction((tx) => applyVectorSearchSettings(tx as unknown as HubDatabase, space, { iterative: true }));
});

/** An upgraded install with many chunks must not wait minutes for its new index before answering. */
describe(`start-up after an index upgrade on ${testEngine}`, () => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await createTestDatabase();
    const [community] = await handle.db.insert(communities).values({ slug: 'start', name: 'Start' }).returning();
    await seedChunks(handle.db, community!.id);
    await handle.db.execute(sql.raw(`CREATE INDEX ${family} ON chunks USING hnsw ((embedding::vector(1024)) vector_cosine_ops) WITH (m = 32, ef_construction = 128) WHERE embedding_model = '${BUILTIN_MODEL_ID}'`));
  });
  afterAll(async () => {
    await handle?.close();
  });

  it(testEngine === 'postgres' ? 'builds the new index in the background and logs when it is done' : 'has nothing to rebuild (PGlite keeps the old definition)', async () => {
    const messages: string[] = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => void messages.push(JSON.parse(line).msg) });
    const config = parseConfig({ LLM_PROVIDER: 'none', EMBEDDINGS_PROVIDER: 'builtin', HUB_DATA_DIR: '/tmp/hub-rag-tests' });
    const services = await createRagServices({ config, db: handle.db, logger });
    const current = vectorIndexDefinition(space, expectedStorage).name;
    if (testEngine === 'postgres') {
      expect(messages).toContain('building the new vector index in the background (searches use the old one meanwhile)');
      await services.ensuredIndexes.get(family);
      expect(messages).toContain('vector index rebuilt');
    } else {
      expect(messages).toEqual([]);
    }
    const names = (await chunkIndexes(handle.db)).map((index) => index.name);
    expect(names.filter((name) => name.startsWith(family))).toEqual([current]);
  });
});

async function chunkIndexes(db: HubDatabase): Promise<{ name: string; definition: string }[]> {
  return queryRows(db, sql`SELECT indexname AS name, indexdef AS definition FROM pg_indexes WHERE tablename = 'chunks' ORDER BY indexname`);
}

async function seedChunks(db: HubDatabase, communityId: string): Promise<void> {
  const documentId = await insertFixture(db, { filename: 'upgrade.txt', title: 'seed', sections: [] }, { communityId });
  const text = (i: number) => `Boil water for one minute before drinking, note ${i}; store it in clean covered containers.`;
  await db.insert(chunks).values(Array.from({ length: 40 }, (_, i) => ({
    documentId, communityId, position: i, text: text(i), embedding: embedText(text(i)), embeddingModel: BUILTIN_MODEL_ID,
    embeddingDims: BUILTIN_DIMENSIONS, ftsConfig: 'english', tsv: sql`to_tsvector('english', ${text(i)})`,
  })) as never);
}
