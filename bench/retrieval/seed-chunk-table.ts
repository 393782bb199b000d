import { sql } from 'drizzle-orm';
import { queryRows, type HubDatabase } from '../../api/db/database.ts';
import { chunks, communities, documents } from '../../api/db/schema/index.ts';
import { BUILTIN_DIMENSIONS, BUILTIN_MODEL_ID, embedText } from '../../api/rag/embeddings/builtin-embedder.ts';
import { embeddingInput } from '../../api/rag/index-document.ts';
import { chunkSearchVector } from '../../api/rag/retrieval/chunk-search-vector.ts';
import { chooseVectorStorage, dropOtherVectorIndexes, HNSW_BUILD, vectorIndexDefinition, type VectorStorage } from '../../api/rag/retrieval/ensure-vector-index.ts';

export const COMMUNITIES = 20;
/** Share of chunks in global documents (visible to every community). */
const GLOBAL_SHARE = 0.2;
const CHUNKS_PER_DOCUMENT = 50;
const INSERT_BATCH = 250;

const space = { model: BUILTIN_MODEL_ID, dimensions: BUILTIN_DIMENSIONS };

export interface SeededTable {
  communityIds: string[];
  insertMs: number;
}

/**
 * Fills an empty hub database with `texts` as chunks of approved documents spread over communities
 * (20% global), embedded with the built-in embedder, without a vector index (buildVectorIndex builds
 * it once afterwards, as a bulk import or `hub reembed` would).
 */
export async function seedChunkTable(db: HubDatabase, texts: { title: string; text: string }[], onProgress: (done: number) => void): Promise<SeededTable> {
  const communityIds = (await db.insert(communities).values(Array.from({ length: COMMUNITIES }, (_, i) => ({ slug: `c${i}`, name: `Community ${i}` }))).returning()).map((c) => c.id);
  await dropOtherVectorIndexes(db, space, null);
  const started = performance.now();
  for (let start = 0; start < texts.length; start += CHUNKS_PER_DOCUMENT) {
    const docNumber = start / CHUNKS_PER_DOCUMENT;
    const communityId = (docNumber % 100) / 100 < GLOBAL_SHARE ? null : communityIds[docNumber % COMMUNITIES]!;
    const [document] = await db.insert(documents).values({
      communityId, filename: `bench-${docNumber}.pdf`, title: texts[start]!.title, fileType: 'pdf', mimeType: 'application/pdf',
      sizeBytes: 1, sha256: `bench-${docNumber}`, rawFileKey: `bench-${docNumber}`, status: 'ready', approvedAt: new Date(),
    }).returning({ id: documents.id });
    const slice = texts.slice(start, start + CHUNKS_PER_DOCUMENT);
    for (let offset = 0; offset < slice.length; offset += INSERT_BATCH) {
      await db.insert(chunks).values(slice.slice(offset, offset + INSERT_BATCH).map((t, i) => ({
        documentId: document!.id, communityId, position: offset + i, text: t.text, sectionPath: [],
        embedding: embedText(embeddingInput(t.title, { sectionPath: [], text: t.text })), embeddingModel: BUILTIN_MODEL_ID,
        embeddingDims: BUILTIN_DIMENSIONS, ftsConfig: 'english',
        tsv: sql`${chunkSearchVector('english', { title: t.title, labels: [], sectionPath: [], text: t.text })}`,
      })) as never);
    }
    onProgress(Math.min(start + CHUNKS_PER_DOCUMENT, texts.length));
  }
  return { communityIds, insertMs: performance.now() - started };
}

/** The communities of a table seeded earlier (kept database), in the order seedChunkTable created them. */
export async function seededCommunityIds(db: HubDatabase): Promise<string[]> {
  const rows = await db.select({ id: communities.id, slug: communities.slug }).from(communities);
  return rows.sort((a, b) => Number(a.slug.slice(1)) - Number(b.slug.slice(1))).map((row) => row.id);
}

export interface BuiltIndex {
  name: string;
  storage: VectorStorage;
  m: number;
  efConstruction: number;
  buildMs: number;
  sizeBytes: number;
}

export interface IndexBuildOptions {
  /** Memory for the graph: the whole 100k-chunk graph fits in 1 GB (a spilled build took 4x longer). */
  maintenanceWorkMem: string;
  /** Parallel build workers besides the leader (0: one process). */
  workers: number;
}

/**
 * (Re)builds the HNSW index of the built-in model with the hub's definition (drops any other version
 * first), timed, then ANALYZE. In one transaction so the SET LOCALs reach the build on a pool too.
 */
export async function buildVectorIndex(db: HubDatabase, options: IndexBuildOptions): Promise<BuiltIndex> {
  const index = vectorIndexDefinition(space, await chooseVectorStorage(db));
  await dropOtherVectorIndexes(db, space, null);
  const started = performance.now();
  await db.transaction(async (tx) => {
    await tx.execute(sql.raw(`SET LOCAL maintenance_work_mem = '${options.maintenanceWorkMem}'`));
    await tx.execute(sql.raw(`SET LOCAL max_parallel_maintenance_workers = ${options.workers}`));
    await tx.execute(index.statement);
  });
  const buildMs = performance.now() - started;
  await db.execute(sql`ANALYZE`);
  const [size] = await queryRows<{ bytes: string }>(db, sql`SELECT pg_relation_size(${index.name}::regclass) AS bytes`);
  return { name: index.name, storage: index.storage, ...HNSW_BUILD[index.storage], buildMs, sizeBytes: Number(size?.bytes ?? 0) };
}

/** The built-in model's current index on a kept table, if it has the current definition. */
export async function currentVectorIndex(db: HubDatabase): Promise<{ name: string; storage: VectorStorage } | null> {
  const index = vectorIndexDefinition(space, await chooseVectorStorage(db));
  const rows = await queryRows(db, sql`SELECT 1 FROM pg_indexes WHERE indexname = ${index.name}`);
  return rows.length > 0 ? { name: index.name, storage: index.storage } : null;
}
