import { embedWithProvider } from '../embeddings/embed-with-fallback.ts';
import type { RagServices } from '../rag-services.ts';
import { normalizeChatText } from '../text/normalize-chat-text.ts';
import { tokenizeWords } from '../text/tokenize-words.ts';
import { correctTypos } from './correct-typos.ts';
import { fuseRankings, type RankedList } from './fuse-rankings.ts';
import { loadChunkDetails, type ChunkDetails } from './load-chunk-details.ts';
import { buildQuestionTerms, type QuestionTerm } from '../relevance/question-terms.ts';
import { findSynonyms } from './query-synonyms.ts';
import { rankBoost } from './rank-boost.ts';
import { searchFullText, type WeightedText } from './search-full-text.ts';
import { searchVectors } from './search-vectors.ts';

export const RetrievalMode = { hybrid: 'hybrid', vector: 'vector', fullText: 'fulltext' } as const;
export type RetrievalMode = (typeof RetrievalMode)[keyof typeof RetrievalMode];

/** Candidates each arm contributes to fusion: deep enough that a chunk ranked 20th by one arm can still win. */
export const ARM_CANDIDATES = 40;
export const DEFAULT_TOP_K = 5;
/** Synonyms are guesses about what the person meant: they count less than the person's own words. */
const SYNONYM_WEIGHT = 0.5;
/** Relative weight of the arms in fusion; full text was measured as the stronger arm with the built-in embedder (docs/retrieval-eval.md). */
const FULL_TEXT_WEIGHT = 1;
const VECTOR_WEIGHT = 0.5;

export interface RetrievalRequest {
  question: string;
  communityId: string | null;
  k?: number;
  mode?: RetrievalMode;
}

export interface RetrievedChunk extends ChunkDetails {
  /** Fused rank score, 0-1 relative to the best chunk (relative only: see relevance/ for an absolute signal). */
  score: number;
  /** True when the chunk shares words with the question (full-text hit), i.e. real lexical evidence. */
  matchedText: boolean;
}

export interface RetrievalResult {
  chunks: RetrievedChunk[];
  /** The question with chat shorthand spelt out ("wat shud i do" -> "what should i do"), as searched. */
  normalizedQuestion: string;
  /** Chunks in the whole library (all communities): how much a word's absence says. */
  corpusChunks: number;
  /** The question's content words with their weight in this corpus, for judging relevance. */
  terms: QuestionTerm[];
  /** Extra words searched: typo corrections and synonyms (the extractive answer quotes lines with them). */
  expansions: string[];
  timings: { expandMs: number; fullTextMs: number; vectorMs: number; loadMs: number };
}

/**
 * Use to find the passages that answer a question: full text (BM25-style) and vector search in every
 * embedding space present, fused by reciprocal rank, restricted to what the asker may see, de-duplicated.
 */
export async function retrieveChunks(services: RagServices, request: RetrievalRequest): Promise<RetrievalResult> {
  const { db } = services;
  const mode = request.mode ?? RetrievalMode.hybrid;
  const k = request.k ?? DEFAULT_TOP_K;
  const scope = { communityId: request.communityId };
  const timer = startTimer();
  const question = normalizeChatText(request.question);
  const correctionMap = await correctTypos(db, tokenizeWords(question));
  const corrections = [...correctionMap.values()];
  const synonymMatches = findSynonyms(question);
  const synonyms = synonymMatches.map((match) => match.expansion);
  const texts: WeightedText[] = [
    { text: question, weight: 1 },
    { text: corrections.join(' '), weight: 1 },
    { text: synonyms.join(' '), weight: SYNONYM_WEIGHT },
  ].filter((t) => t.text.trim());
  const expandMs = timer.lap();
  const corpus = await services.termStatistics.corpus(db);
  const termsPromise = buildQuestionTerms(db, services.termStatistics, {
    question, corrections: correctionMap, synonyms: synonymMatches, configs: corpus.configs, chunks: corpus.chunks,
  });
  const [[fullText, fullTextMs], [vector, vectorMs]] = await Promise.all([
    timed(() => (mode === RetrievalMode.vector ? [] : searchFullText(db, services.termStatistics, question, texts, scope, ARM_CANDIDATES))),
    timed(() => (mode === RetrievalMode.fullText ? [] : searchAllSpaces(services, [question, ...corrections].join(' '), scope))),
  ]);
  timer.lap();
  const lists: RankedList[] = [
    { ids: fullText.map((h) => h.chunkId), weight: FULL_TEXT_WEIGHT },
    ...vector.map((ids) => ({ ids, weight: VECTOR_WEIGHT })),
  ];
  const fused = fuseRankings(lists);
  const details = await loadChunkDetails(db, fused.slice(0, k * 3).map((f) => f.id));
  const textHits = new Set(fullText.map((h) => h.chunkId));
  const chunks = pickTop(fused, details, textHits, k);
  return {
    chunks,
    normalizedQuestion: question,
    corpusChunks: corpus.chunks,
    terms: await termsPromise,
    expansions: [...corrections, ...synonyms],
    timings: { expandMs, fullTextMs, vectorMs, loadMs: timer.lap() },
  };
}

/** One vector search per embedding model present in the chunks whose embedder is configured. */
async function searchAllSpaces(services: RagServices, text: string, scope: { communityId: string | null }): Promise<string[][]> {
  const corpus = await services.termStatistics.corpus(services.db);
  const searches = corpus.spaces.map(async (space) => {
    const embedder = services.embedders.find((e) => e.model === space.model);
    if (!embedder) return [];
    try {
      const [vector] = await embedWithProvider(embedder, [text], 'query', services.queryBudget);
      if (vector!.length !== space.dimensions) return [];
      const hits = await searchVectors(services.db, space, vector!, scope, ARM_CANDIDATES, {
        iterative: services.iterativeScans,
        efSearch: services.config.HNSW_EF_SEARCH,
      });
      return hits.map((h) => h.chunkId);
    } catch (error) {
      // Full text still answers; the chunks of this space are only reachable through it for now.
      services.logger.warn({ model: space.model, err: error }, 'query embedding failed; searching without this model');
      return [];
    }
  });
  return Promise.all(searches);
}

function pickTop(fused: { id: string; score: number }[], details: Map<string, ChunkDetails>, textHits: Set<string>, k: number): RetrievedChunk[] {
  const boosted = fused
    .filter((f) => details.has(f.id))
    // FAQ and update boosts need lexical evidence: a vector neighbour alone is not "relevant" enough.
    .map((f) => ({ ...f, score: textHits.has(f.id) ? f.score * rankBoost(details.get(f.id)!) : f.score }))
    .sort((a, b) => b.score - a.score);
  const best = boosted[0]?.score ?? 1;
  const seen = new Set<string>();
  const picked: RetrievedChunk[] = [];
  for (const { id, score } of boosted) {
    const chunk = details.get(id)!;
    // The same text twice (a file uploaded globally and to a community) is one citation, not two.
    const key = chunk.text.replace(/\s+/g, ' ').trim().toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    picked.push({ ...chunk, score: Math.round((score / best) * 1000) / 1000, matchedText: textHits.has(id) });
    if (picked.length === k) break;
  }
  return picked;
}

async function timed<T>(work: () => Promise<T> | T): Promise<[T, number]> {
  const start = performance.now();
  const result = await work();
  return [result, Math.round((performance.now() - start) * 10) / 10];
}

function startTimer() {
  let last = performance.now();
  return {
    lap() {
      const now = performance.now();
      const elapsed = Math.round((now - last) * 10) / 10;
      last = now;
      return elapsed;
    },
  };
}
