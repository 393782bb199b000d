import { createHash } from 'node:crypto';
import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type HubDatabase } from '../../db/database.ts';
import { vectorText } from '../../db/schema/column-types.ts';
import { MAX_INDEXED_DIMENSIONS, modelLiteral, vectorIndexName, type VectorSpace } from './vector-space.ts';

/**
 * How the index stores each vector. halfvec (16-bit floats, pgvector >= 0.7) makes a 1024-dimension
 * vector 2 KB instead of 4 KB: the 100k-chunk index shrinks from 781 to 260 MB, so more of the graph
 * walk hits shared_buffers, for the same recall@10 against exact full-precision search (the search
 * re-sorts its candidates by full-precision distance). Not on PGlite: WebAssembly converts half floats
 * in software, which made inserts 5x and searches 2x slower there; it keeps full precision.
 */
export const VectorStorage = { half: 'halfvec', full: 'vector' } as const;
export type VectorStorage = (typeof VectorStorage)[keyof typeof VectorStorage];

/**
 * HNSW build parameters per storage. Hashed lexical vectors are sparse and nearly orthogonal, and
 * questions lie far from every chunk, which makes the graph hard to navigate: with pgvector's defaults
 * (16, 64) recall@10 at 100k chunks was 0.68. On PostgreSQL a wider build search (ef_construction 256)
 * bought more recall per millisecond of search than more links (m) or a wider search (ef_search); see
 * docs/retrieval-bench.md. PGlite keeps the earlier parameters (128: its inserts are slow already).
 */
export const HNSW_BUILD = {
  [VectorStorage.half]: { m: 32, efConstruction: 256 },
  [VectorStorage.full]: { m: 32, efConstruction: 128 },
} as const;

/**
 * Memory for building an index over existing chunks (a new definition on an existing install): an
 * HNSW graph that fits is built ~3x faster than one spilled to disk (100k halfvec chunks need
 * ~340 MB). Single-process, because pgvector's parallel build reserves all of it as shared memory up
 * front, which fails in Docker's default 64 MB /dev/shm; both gave the same recall.
 */
const INDEX_BUILD_MEMORY = '512MB';

/** Full precision with the old parameters kept its old, unversioned name: such installs need no rebuild. */
const UNVERSIONED = { storage: VectorStorage.full, m: 32, efConstruction: 128 };

export interface VectorIndexDefinition {
  name: string;
  storage: VectorStorage;
  statement: SQL;
}

/** The installed pgvector version as [major, minor] ([0, 0] when missing). */
export async function pgvectorVersion(db: HubDatabase): Promise<[number, number]> {
  const [row] = await queryRows<{ version: string | null }>(db, sql`SELECT extversion AS version FROM pg_extension WHERE extname = 'vector'`);
  const [major = 0, minor = 0] = (row?.version ?? '0.0').split('.').map(Number);
  return [major, minor];
}

/** halfvec where pgvector has it (0.7) and the server converts half floats in hardware (not PGlite). */
export async function chooseVectorStorage(db: HubDatabase): Promise<VectorStorage> {
  const [major, minor] = await pgvectorVersion(db);
  const [row] = await queryRows<{ wasm: boolean }>(db, sql`SELECT version() LIKE '%emscripten%' AS wasm`);
  return (major > 0 || minor >= 7) && !row?.wasm ? VectorStorage.half : VectorStorage.full;
}

/** `c.embedding::halfvec(D)` (or `vector(D)`): the indexed expression; the planner only uses the index when the query repeats it. */
export function indexedVectorExpression(space: VectorSpace, storage: VectorStorage): SQL {
  return sql.raw(`c.embedding::${storage}(${checkedDimensions(space)})`);
}

/** A query vector cast like the indexed expression. */
export function indexedVectorParameter(space: VectorSpace, storage: VectorStorage, vector: number[]): SQL {
  return sql`${vectorText(vector)}::${sql.raw(`${storage}(${checkedDimensions(space)})`)}`;
}

/**
 * The partial HNSW cosine index of one model. Its name carries a hash of the definition, so a changed
 * definition (storage, m, ef_construction) gets a new index and ensureVectorIndex drops the old one.
 */
export function vectorIndexDefinition(space: VectorSpace, storage: VectorStorage): VectorIndexDefinition {
  const dimensions = checkedDimensions(space);
  const { m, efConstruction } = HNSW_BUILD[storage];
  const parameters = `m = ${m}, ef_construction = ${efConstruction}`;
  const unversioned = storage === UNVERSIONED.storage && m === UNVERSIONED.m && efConstruction === UNVERSIONED.efConstruction;
  const version = createHash('sha256').update(`${storage}|${parameters}`).digest('hex').slice(0, 6);
  const name = unversioned ? vectorIndexName(space) : `${vectorIndexName(space)}_${version}`;
  const statement = sql.join([
    sql.raw(`CREATE INDEX IF NOT EXISTS ${name} ON chunks USING hnsw ((embedding::${storage}(${dimensions})) ${storage}_cosine_ops) WITH (${parameters}) WHERE embedding_model = `),
    modelLiteral(space),
  ]);
  return { name, storage, statement };
}

/** Index builds of this process by model family: finished, or in flight and shared by every caller. */
export type EnsuredIndexes = Map<string, Promise<void>>;

/**
 * Use before storing or searching a model's vectors (at start-up, indexing and re-embedding): creates
 * that model's partial HNSW index if it does not exist yet and drops the model's indexes of other
 * definitions. Safe to call often and concurrently: one build per model and process, which every
 * caller awaits. After an upgrade that changes the definition, the build covers the existing chunks
 * (about 4 minutes per 100k chunks on 2 cores; writes to chunks wait, searches keep using the old
 * index until the new one is committed).
 */
export function ensureVectorIndex(db: HubDatabase, space: VectorSpace, ensured: EnsuredIndexes): Promise<void> {
  const key = vectorIndexName(space);
  const known = ensured.get(key);
  if (known) return known;
  const building = buildVectorIndex(db, space);
  ensured.set(key, building);
  // A failed build is tried again by the next caller rather than remembered.
  building.catch(() => ensured.delete(key));
  return building;
}

/** True when the model has an index of an older definition and not yet the current one. */
export async function vectorIndexUpgradePending(db: HubDatabase, space: VectorSpace): Promise<boolean> {
  const current = vectorIndexDefinition(space, await chooseVectorStorage(db)).name;
  const names = await modelIndexNames(db, space);
  return names.length > 0 && !names.includes(current);
}

async function buildVectorIndex(db: HubDatabase, space: VectorSpace): Promise<void> {
  const index = vectorIndexDefinition(space, await chooseVectorStorage(db));
  try {
    await db.transaction(async (tx) => {
      await tx.execute(sql.raw(`SET LOCAL maintenance_work_mem = '${INDEX_BUILD_MEMORY}'`));
      await tx.execute(sql.raw(`SET LOCAL max_parallel_maintenance_workers = 0`));
      await tx.execute(index.statement);
    });
  } catch (error) {
    // Two processes creating the same index at once: the loser sees a duplicate, which is fine.
    if (!/already exists|duplicate key/i.test(String((error as Error).message ?? error))) throw error;
  }
  await dropOtherVectorIndexes(db, space, index.name);
}

/** Drops the model's HNSW indexes other than `keep` (any definition, versioned or not); returns their names. */
export async function dropOtherVectorIndexes(db: HubDatabase, space: VectorSpace, keep: string | null): Promise<string[]> {
  const others = (await modelIndexNames(db, space)).filter((name) => name !== keep);
  for (const name of others) await db.execute(sql.raw(`DROP INDEX IF EXISTS "${name}"`));
  return others;
}

/** The model's HNSW indexes on chunks, of any definition: its unversioned name or that name plus a version. */
async function modelIndexNames(db: HubDatabase, space: VectorSpace): Promise<string[]> {
  const family = vectorIndexName(space);
  const rows = await queryRows<{ name: string }>(db, sql`
    SELECT indexname AS name FROM pg_indexes
    WHERE schemaname = current_schema() AND tablename = 'chunks'
      AND (indexname = ${family} OR left(indexname, ${family.length + 1}) = ${`${family}_`})`);
  return rows.map((row) => row.name);
}

function checkedDimensions(space: VectorSpace): number {
  const { dimensions } = space;
  if (!Number.isInteger(dimensions) || dimensions < 1 || dimensions > MAX_INDEXED_DIMENSIONS) {
    throw new Error(`Embedding dimension ${dimensions} cannot be indexed (1-${MAX_INDEXED_DIMENSIONS}).`);
  }
  return dimensions;
}
