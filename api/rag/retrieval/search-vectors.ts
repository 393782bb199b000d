import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type HubDatabase } from '../../db/database.ts';
import { modelLiteral, vectorExpression, vectorParameter, type VectorSpace } from './vector-space.ts';
import { visibleChunkCondition, type SearchScope } from './visibility.ts';

/**
 * HNSW candidate list size: recall@10 at 100k chunks (m = 32) was 0.92 at 200 and 0.96 at 300 for
 * ~19 ms p50 (bench/retrieval.ts). Higher values cost a full extra index page walk per step.
 */
export const HNSW_EF_SEARCH = 300;
/**
 * Iterative scans (pgvector >= 0.8) keep walking the graph until enough rows pass the community and
 * approval filter, instead of returning fewer than k. This caps the walk for very selective filters.
 */
export const HNSW_MAX_SCAN_TUPLES = 20_000;
const OVERFETCH_WITHOUT_ITERATIVE_SCAN = 4;

export interface VectorHit {
  chunkId: string;
  similarity: number;
}

/** Use for the vector arm of hybrid retrieval: the `limit` visible chunks nearest to `vector` in one model's space. */
export async function searchVectors(
  db: HubDatabase,
  space: VectorSpace,
  vector: number[],
  scope: SearchScope,
  limit: number,
  options: { iterative: boolean } = { iterative: true },
): Promise<VectorHit[]> {
  return db.transaction(async (tx) => {
    await applyVectorSearchSettings(tx as unknown as HubDatabase, options);
    // Without iterative scans (pgvector < 0.8) over-fetching is the fallback: fewer rows lost to the filter.
    const fetch = options.iterative ? limit : limit * OVERFETCH_WITHOUT_ITERATIVE_SCAN;
    const rows = await queryRows<{ id: string; distance: number }>(tx as unknown as HubDatabase, nearestChunksQuery(space, vector, scope, fetch));
    return rows.slice(0, limit).map((row) => ({ chunkId: row.id, similarity: 1 - Number(row.distance) }));
  });
}

/** pgvector 0.8 introduced iterative scans; older servers reject the setting. */
export async function supportsIterativeScans(db: HubDatabase): Promise<boolean> {
  const [row] = await queryRows<{ version: string | null }>(db, sql`SELECT extversion AS version FROM pg_extension WHERE extname = 'vector'`);
  const [major = 0, minor = 0] = (row?.version ?? '0.0').split('.').map(Number);
  return major > 0 || minor >= 8;
}

/** SET LOCAL only lives inside a transaction, so these settings never leak to other queries. */
export async function applyVectorSearchSettings(tx: HubDatabase, options: { iterative: boolean }): Promise<void> {
  await tx.execute(sql.raw(`SET LOCAL hnsw.ef_search = ${HNSW_EF_SEARCH}`));
  // The planner prices "read every row of this model and sort" as cheap (below ~50k chunks, or as soon
  // as ef_search is large), but every 4 KB vector is TOASTed and must be fetched and decompressed:
  // 40-150 ms instead of ~10 ms through the HNSW index. Only the index path is left open.
  for (const setting of ['enable_seqscan', 'enable_bitmapscan', 'enable_sort']) await tx.execute(sql.raw(`SET LOCAL ${setting} = off`));
  // That makes the plan's estimated cost huge, which would start JIT compilation: 200+ ms for a 5 ms query.
  await tx.execute(sql.raw(`SET LOCAL jit = off`));
  if (!options.iterative) return;
  await tx.execute(sql.raw(`SET LOCAL hnsw.iterative_scan = relaxed_order`));
  await tx.execute(sql.raw(`SET LOCAL hnsw.max_scan_tuples = ${HNSW_MAX_SCAN_TUPLES}`));
}

/** The nearest visible chunks; relaxed_order may return neighbours slightly out of order, so the result is re-sorted. */
export function nearestChunksQuery(space: VectorSpace, vector: number[], scope: SearchScope, limit: number): SQL {
  const distance = sql`${vectorExpression(space)} <=> ${vectorParameter(space, vector)}`;
  return sql`WITH nearest AS MATERIALIZED (
      SELECT c.id, ${distance} AS distance
      FROM chunks c
      WHERE c.embedding_model = ${modelLiteral(space)} AND ${visibleChunkCondition(scope)}
      ORDER BY ${distance}
      LIMIT ${limit}
    )
    SELECT id, distance FROM nearest ORDER BY distance`;
}
