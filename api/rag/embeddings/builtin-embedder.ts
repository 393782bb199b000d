import { extractFeatures } from './builtin-features.ts';
import type { EmbeddingsProvider } from './embeddings-provider.ts';

/**
 * The embedder that needs no network and no model: a hashed bag of weighted words and character
 * 4-grams (see builtin-features.ts), projected into a fixed number of dimensions with the
 * "hashing trick" (a random sign per feature keeps collisions from adding up) and L2-normalised so
 * pgvector's cosine distance works as for any model.
 *
 * What it is: a lexical representation. It finds passages that share words, word pieces and typo'd
 * words with the question; it does not know that "twister" means "tornado". It is deterministic
 * (same text, same vector, on every machine), takes well under a millisecond per chunk, and is the
 * default when no Ollama or OpenAI-compatible embedding endpoint is configured, and in tests.
 */
/**
 * 1024 dimensions: at 512 hash collisions between unrelated words cost a sixth of the vector arm's
 * hit@1 on both eval sets; 1024 stays far below pgvector's 2000-dimension HNSW limit.
 */
export const BUILTIN_DIMENSIONS = 1024;
/** Bump the version whenever features, weights or hashing change: old vectors then need `hub reembed`. */
export const BUILTIN_MODEL_ID = `builtin:hashgram-v1-d${BUILTIN_DIMENSIONS}`;

/** Use when nothing else is configured, in tests, and as the last embedding fallback. */
export function createBuiltinEmbedder(dimensions = BUILTIN_DIMENSIONS): EmbeddingsProvider {
  const model = dimensions === BUILTIN_DIMENSIONS ? BUILTIN_MODEL_ID : `builtin:hashgram-v1-d${dimensions}`;
  return {
    model,
    kind: 'builtin',
    async embed(texts) {
      return texts.map((text) => embedText(text, dimensions));
    },
  };
}

/** The built-in vector of one text (synchronous; the provider wraps it). */
export function embedText(text: string, dimensions = BUILTIN_DIMENSIONS): number[] {
  const vector = new Float64Array(dimensions);
  for (const [feature, weight] of extractFeatures(text)) {
    const hash = fnv1a(feature);
    const sign = hash & 0x80000000 ? -1 : 1;
    vector[(hash & 0x7fffffff) % dimensions]! += sign * weight;
  }
  let norm = 0;
  for (const value of vector) norm += value * value;
  norm = Math.sqrt(norm);
  // An empty or stop-word-only text has no direction; a zero vector would make cosine undefined.
  if (norm === 0) return Array.from({ length: dimensions }, (_, i) => (i === 0 ? 1 : 0));
  return Array.from(vector, (value) => Math.round((value / norm) * 1e6) / 1e6);
}

/** 32-bit FNV-1a over UTF-16 code units plus murmur3's finaliser, so the low bits used as index mix well. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return hash >>> 0;
}
