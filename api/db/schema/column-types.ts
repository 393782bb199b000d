import { customType } from 'drizzle-orm/pg-core';

/**
 * A pgvector column without a fixed dimension. Different embedding models have different sizes, so
 * the dimension lives in `embedding_dims` and each model gets its own partial HNSW expression index
 * (see api/rag/retrieval/ensure-vector-index.ts) instead of one column per size.
 */
export const anyVector = customType<{ data: number[]; driverData: string }>({
  dataType: () => 'vector',
  toDriver: (value) => `[${value.join(',')}]`,
  fromDriver: (value) => JSON.parse(value) as number[],
});

/** PostgreSQL full-text vector, always computed in SQL (`to_tsvector`), never parsed in JS. */
export const tsvector = customType<{ data: string }>({
  dataType: () => 'tsvector',
});
