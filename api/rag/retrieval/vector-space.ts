import { createHash } from 'node:crypto';
import { sql, type SQL } from 'drizzle-orm';
import { vectorText } from '../../db/schema/column-types.ts';

/** pgvector's HNSW indexes accept at most this many dimensions for `vector`. */
export const MAX_INDEXED_DIMENSIONS = 2_000;

/**
 * One embedding model's vectors: the model id and their dimension. The `embedding` column is untyped,
 * so each model is searched through the expression `embedding::vector(D)` restricted to its rows, the
 * same expression its partial HNSW index is built on (the planner only uses the index when both match).
 */
export interface VectorSpace {
  model: string;
  dimensions: number;
}

/** `embedding::vector(D)`, the indexed expression. */
export function vectorExpression(space: VectorSpace): SQL {
  return sql.raw(`c.embedding::vector(${checkedDimensions(space.dimensions)})`);
}

/** The model as an SQL literal: partial-index predicates only match literals, never bind parameters. */
export function modelLiteral(space: VectorSpace): SQL {
  return sql.raw(`'${space.model.replace(/'/g, "''")}'`);
}

/** A query vector as a typed literal of the same dimension. */
export function vectorParameter(space: VectorSpace, vector: number[]): SQL {
  return sql`${vectorText(vector)}::vector(${sql.raw(String(checkedDimensions(space.dimensions)))})`;
}

/** Index names are limited to 63 bytes and models contain ':' and '/': a readable prefix plus a hash. */
export function vectorIndexName(space: VectorSpace): string {
  const slug = space.model.toLowerCase().replace(/[^a-z0-9]+/g, '_').slice(0, 30);
  const hash = createHash('sha256').update(`${space.model}|${space.dimensions}`).digest('hex').slice(0, 8);
  return `chunks_hnsw_${slug}_${hash}`;
}

function checkedDimensions(dimensions: number): number {
  if (!Number.isInteger(dimensions) || dimensions < 1 || dimensions > MAX_INDEXED_DIMENSIONS) {
    throw new Error(`Embedding dimension ${dimensions} cannot be indexed (1-${MAX_INDEXED_DIMENSIONS}).`);
  }
  return dimensions;
}
