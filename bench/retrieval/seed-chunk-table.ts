import { sql } from 'drizzle-orm';
import type { HubDatabase } from '../../api/db/database.ts';
import { chunks, communities, documents } from '../../api/db/schema/index.ts';
import { BUILTIN_DIMENSIONS, BUILTIN_MODEL_ID, embedText } from '../../api/rag/embeddings/builtin-embedder.ts';
import { embeddingInput } from '../../api/rag/index-document.ts';
import { chunkSearchVector } from '../../api/rag/retrieval/chunk-search-vector.ts';
import { HNSW_EF_CONSTRUCTION, HNSW_M } from '../../api/rag/retrieval/ensure-vector-index.ts';
import { vectorIndexName } from '../../api/rag/retrieval/vector-space.ts';

export const COMMUNITIES = 20;
/** Share of chunks in global documents (visible to every community). */
const GLOBAL_SHARE = 0.2;
const CHUNKS_PER_DOCUMENT = 50;
const INSERT_BATCH = 250;

export interface SeededTable {
  communityIds: string[];
  insertMs: number;
  indexBuildMs: number;
}

/**
 * Fills an empty hub database with `texts` as chunks of approved documents spread over communities
 * (20% global), embedded with the built-in embedder, then builds the HNSW index once (timed), as a
 * bulk import or `hub reembed` would.
 */
export async function seedChunkTable(db: HubDatabase, texts: { title: string; text: string }[], onProgress: (done: number) => void): Promise<SeededTable> {
  const communityIds = (await db.insert(communities).values(Array.from({ length: COMMUNITIES }, (_, i) => ({ slug: `c${i}`, name: `Community ${i}` }))).returning()).map((c) => c.id);
  const space = { model: BUILTIN_MODEL_ID, dimensions: BUILTIN_DIMENSIONS };
  await db.execute(sql.raw(`DROP INDEX IF EXISTS ${vectorIndexName(space)}`));
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
  const insertMs = performance.now() - started;
  const indexStarted = performance.now();
  await db.execute(sql.raw(`SET maintenance_work_mem = '1GB'`)).catch(() => {});
  await db.execute(sql.raw(
    `CREATE INDEX ${vectorIndexName(space)} ON chunks USING hnsw ((embedding::vector(${BUILTIN_DIMENSIONS})) vector_cosine_ops) ` +
      `WITH (m = ${HNSW_M}, ef_construction = ${HNSW_EF_CONSTRUCTION}) WHERE embedding_model = '${BUILTIN_MODEL_ID}'`,
  ));
  const indexBuildMs = performance.now() - indexStarted;
  await db.execute(sql`ANALYZE`);
  return { communityIds, insertMs, indexBuildMs };
}
