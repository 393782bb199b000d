/** Documents and questions are embedded differently by some models (e.g. nomic's task prefixes). */
export type EmbeddingPurpose = 'document' | 'query';

/**
 * One embedding model. `model` is what chunks record in `embedding_model`: vectors from different
 * models live in different spaces and are never compared, so the id must change whenever the vectors
 * would (another model, another dimension, another feature version).
 */
export interface EmbeddingsProvider {
  readonly model: string;
  /** Where the vectors come from, for logs and `hub doctor`: builtin, ollama, openai. */
  readonly kind: 'builtin' | 'ollama' | 'openai';
  embed(texts: string[], purpose: EmbeddingPurpose, signal?: AbortSignal): Promise<number[][]>;
}

/** Vectors plus the model that produced them, so callers store or search the right space. */
export interface EmbeddingResult {
  model: string;
  vectors: number[][];
}
