/**
 * Chunk sizes, in characters of Markdown (about 5 characters per English word, 4 per token).
 *
 * Why these numbers:
 * - Retrieval ranks chunks, not documents. Lexical scoring (full text and the built-in embedder) gets
 *   blurrier as a chunk grows: one matching sentence is diluted by 2,000 characters of other topics, and
 *   long guides win by sheer volume. Around 150-250 words keeps one idea per chunk (a step list, a
 *   table, a few paragraphs under one heading) while still holding a whole answer.
 * - The answer prompt quotes the top chunks. On a 2-core machine a 3B local model reads prompts at
 *   ~18 tokens/s, so four ~300-token chunks cost ~70 s before the first word; bigger chunks would make
 *   local answers unbearably slow, smaller ones would cut answers in half.
 * - One-page infographic sheets have many tiny sections (a heading and two lines); packing neighbours
 *   up to the target stops them from becoming dozens of 40-character chunks that match nothing.
 */
export const ChunkSize = {
  /** Pack blocks until a chunk reaches about this size. */
  targetChars: 1_000,
  /** Never exceed this: an oversized block (long table, list or paragraph) is split below it. */
  maxChars: 1_600,
  /** A chunk smaller than this is merged into its neighbour within the same top-level section. */
  minChars: 250,
} as const;

/** Sentences carried over when a long paragraph is split, so the second half keeps its context. */
export const PARAGRAPH_OVERLAP_SENTENCES = 1;
