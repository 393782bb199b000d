import { sql } from 'drizzle-orm';
import type { HubDatabase } from '../../db/database.ts';
import { modelLiteral, vectorIndexName, type VectorSpace } from './vector-space.ts';

/**
 * HNSW build parameters. Hashed lexical vectors are sparse and nearly orthogonal, which makes the graph
 * hard to navigate: with pgvector's defaults (16, 64) recall@10 at 100k chunks was 0.68 at ef_search
 * 100 and 0.89 at 400. 32 links per node and a wider build search reach 0.96 at ef_search 300 for a
 * 2.5x longer build (bench/retrieval.ts, docs/retrieval-bench.md).
 */
export const HNSW_M = 32;
export const HNSW_EF_CONSTRUCTION = 128;

/**
 * Use before storing or searching a model's vectors (at start-up, indexing and re-embedding): creates
 * that model's partial HNSW cosine index if it does not exist yet. Safe to call often; remembered per
 * database object so the catalogue is asked once per process.
 */
export async function ensureVectorIndex(db: HubDatabase, space: VectorSpace, ensured: Set<string>): Promise<void> {
  const name = vectorIndexName(space);
  if (ensured.has(name)) return;
  try {
    await db.execute(
      sql.join([
        sql.raw(
          `CREATE INDEX IF NOT EXISTS ${name} ON chunks USING hnsw ((embedding::vector(${space.dimensions})) vector_cosine_ops) ` +
            `WITH (m = ${HNSW_M}, ef_construction = ${HNSW_EF_CONSTRUCTION}) WHERE embedding_model = `,
        ),
        modelLiteral(space),
      ]),
    );
  } catch (error) {
    // Two processes creating the same index at once: the loser sees a duplicate, which is fine.
    if (!/already exists|duplicate key/i.test(String((error as Error).message ?? error))) throw error;
  }
  ensured.add(name);
}
