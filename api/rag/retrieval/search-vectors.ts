import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type HubDatabase } from '../../db/database.ts';
import { indexedVectorExpression, indexedVectorParameter, pgvectorVersion, vectorIndexDefinition, VectorStorage } from './ensure-vector-index.ts';
import { modelLiteral, vectorExpression, vectorParameter, type VectorSpace } from './vector-space.ts';
import { visibleChunkCondition, type SearchScope } from './visibility.ts';

/**
 * HNSW candidate list size when the caller does not pass the HNSW_EF_SEARCH setting (same default).
 * Search time grows about linearly with it; recall@10 at 100k chunks over two index builds was
 * 0.958-0.968 at 300, 0.972-0.976 at 400 and 0.974-0.980 at 500 (docs/retrieval-bench.md): 400 keeps
 * a margin above 0.95 for builds that come out worse, at a few milliseconds.
 */
export const DEFAULT_HNSW_EF_SEARCH = 400;
/**
 * Iterative scans (pgvector >= 0.8) keep walking the graph until enough rows pass the community and
 * approval filter, instead of returning fewer than k. This caps the walk for very selective filters.
 */
export const HNSW_MAX_SCAN_TUPLES = 20_000;
const OVERFETCH_WITHOUT_ITERATIVE_SCAN = 4;

export interface VectorSearchOptions {
  /** pgvector >= 0.8 (supportsIterativeScans): filtered searches walk on until enough rows pass. */
  iterative: boolean;
  /** hnsw.ef_search: the HNSW_EF_SEARCH setting. */
  efSearch?: number;
}

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
  options: VectorSearchOptions = { iterative: true },
): Promise<VectorHit[]> {
  return db.transaction(async (tx) => {
    const storage = await applyVectorSearchSettings(tx as unknown as HubDatabase, space, options);
    // Without iterative scans (pgvector < 0.8) over-fetching is the fallback: fewer rows lost to the filter.
    const fetch = options.iterative ? limit : limit * OVERFETCH_WITHOUT_ITERATIVE_SCAN;
    const rows = await queryRows<{ id: string; distance: number }>(tx as unknown as HubDatabase, nearestChunksQuery(space, vector, scope, fetch, storage));
    return rows.slice(0, limit).map((row) => ({ chunkId: row.id, similarity: 1 - Number(row.distance) }));
  });
}

/** pgvector 0.8 introduced iterative scans; older servers reject the setting. */
export async function supportsIterativeScans(db: HubDatabase): Promise<boolean> {
  const [major, minor] = await pgvectorVersion(db);
  return major > 0 || minor >= 8;
}

/**
 * Sets the search settings for the rest of the transaction (set_config(..., true) is SET LOCAL, so
 * they never leak to other queries; one statement, one round trip) and returns how the model's index
 * stores vectors: the query must repeat its expression. halfvec once that index is committed (while
 * ensureVectorIndex builds it, searches keep using the full-precision one), else full precision.
 */
export async function applyVectorSearchSettings(tx: HubDatabase, space: VectorSpace, options: VectorSearchOptions): Promise<VectorStorage> {
  const settings: [string, string][] = [
    ['hnsw.ef_search', String(efSearchValue(options.efSearch))],
    // The planner prices "read every row of this model and sort" as cheap (below ~50k chunks, or as soon
    // as ef_search is large), but every 4 KB vector is TOASTed and must be fetched and decompressed:
    // 40-150 ms instead of ~10 ms through the HNSW index. Only the index path is left open.
    ['enable_seqscan', 'off'],
    ['enable_bitmapscan', 'off'],
    ['enable_sort', 'off'],
    // That makes the plan's estimated cost huge, which would start JIT compilation: 200+ ms for a 5 ms query.
    ['jit', 'off'],
    ...(options.iterative
      ? ([['hnsw.iterative_scan', 'relaxed_order'], ['hnsw.max_scan_tuples', String(HNSW_MAX_SCAN_TUPLES)]] as [string, string][])
      : []),
  ];
  const halfIndex = vectorIndexDefinition(space, VectorStorage.half).name;
  const [row] = await queryRows<{ half: boolean }>(tx, sql`SELECT ${sql.join(
    settings.map(([name, value]) => sql`set_config(${name}, ${value}, true)`),
    sql`, `,
  )}, to_regclass(${halfIndex}) IS NOT NULL AS half`);
  return row?.half ? VectorStorage.half : VectorStorage.full;
}

/**
 * The nearest visible chunks through the index of `storage`. relaxed_order may return neighbours
 * slightly out of order, and halfvec distances are rounded, so the candidates are re-sorted by their
 * full-precision distance (a few dozen rows: well under a millisecond).
 */
export function nearestChunksQuery(space: VectorSpace, vector: number[], scope: SearchScope, limit: number, storage: VectorStorage): SQL {
  const indexed = sql`${indexedVectorExpression(space, storage)} <=> ${indexedVectorParameter(space, storage, vector)}`;
  return sql`WITH nearest AS MATERIALIZED (
      SELECT c.id, c.embedding
      FROM chunks c
      WHERE c.embedding_model = ${modelLiteral(space)} AND ${visibleChunkCondition(scope)}
      ORDER BY ${indexed}
      LIMIT ${limit}
    )
    SELECT c.id, ${vectorExpression(space)} <=> ${vectorParameter(space, vector)} AS distance FROM nearest c ORDER BY distance`;
}

function efSearchValue(efSearch = DEFAULT_HNSW_EF_SEARCH): number {
  if (!Number.isInteger(efSearch) || efSearch < 1 || efSearch > MAX_EF_SEARCH) throw new Error(`hnsw.ef_search must be a whole number 1-${MAX_EF_SEARCH}, got ${efSearch}.`);
  return efSearch;
}

const MAX_EF_SEARCH = 1000;
