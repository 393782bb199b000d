import { customType } from 'drizzle-orm/pg-core';
import { fromSql, toSql } from 'pgvector';

/** A vector in pgvector's text form (`[0.1,0.2]`), for SQL parameters cast to `vector(D)` or `halfvec(D)`. */
export function vectorText(vector: readonly number[]): string {
  return toSql([...vector]) as string;
}

/**
 * A pgvector column without a fixed dimension. Different embedding models have different sizes, so
 * the dimension lives in `embedding_dims` and each model gets its own partial HNSW expression index
 * (see api/rag/retrieval/ensure-vector-index.ts) instead of one column per size. Values go through
 * pgvector's own converters (the `vector` column type of drizzle needs a fixed dimension).
 */
export const anyVector = customType<{ data: number[]; driverData: string }>({
  dataType: () => 'vector',
  toDriver: (value) => vectorText(value),
  fromDriver: (value) => fromSql(value) as number[],
});

/** PostgreSQL full-text vector, always computed in SQL (`to_tsvector`), never parsed in JS. */
export const tsvector = customType<{ data: string }>({
  dataType: () => 'tsvector',
});
