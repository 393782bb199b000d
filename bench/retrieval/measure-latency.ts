import { sql } from 'drizzle-orm';
import { queryRows, type HubDatabase } from '../../api/db/database.ts';
import { answerQuestion } from '../../api/rag/answer-question.ts';
import { BUILTIN_DIMENSIONS, BUILTIN_MODEL_ID, embedText } from '../../api/rag/embeddings/builtin-embedder.ts';
import type { RagServices } from '../../api/rag/rag-services.ts';
import { retrieveChunks } from '../../api/rag/retrieval/retrieve-chunks.ts';
import { searchFullText } from '../../api/rag/retrieval/search-full-text.ts';
import { VectorStorage } from '../../api/rag/retrieval/ensure-vector-index.ts';
import { applyVectorSearchSettings, nearestChunksQuery, searchVectors } from '../../api/rag/retrieval/search-vectors.ts';

const TOP_K = 10;
const space = { model: BUILTIN_MODEL_ID, dimensions: BUILTIN_DIMENSIONS };

export interface Percentiles {
  p50: number;
  p95: number;
}

/** p50 and p95 of `run` over the questions (after one warm-up pass over a few of them). */
export async function measure(questions: string[], run: (question: string, index: number) => Promise<unknown>): Promise<Percentiles> {
  for (const [index, question] of questions.slice(0, 5).entries()) await run(question, index);
  const times: number[] = [];
  for (const [index, question] of questions.entries()) {
    const started = performance.now();
    await run(question, index);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => Math.round(times[Math.min(times.length - 1, Math.floor(q * times.length))]! * 10) / 10;
  return { p50: at(0.5), p95: at(0.95) };
}

export type Latencies = Record<'vector' | 'fullText' | 'hybrid' | 'answerOverhead', Percentiles>;

/** Runs `measureOnce` `runs` times; each percentile is the median over the runs (the machine is shared). */
export async function medianOfRuns(runs: number, measureOnce: () => Promise<Latencies>): Promise<Latencies> {
  const results: Latencies[] = [];
  for (let i = 0; i < runs; i++) results.push(await measureOnce());
  const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)]!;
  const keys = Object.keys(results[0]!) as (keyof Latencies)[];
  return Object.fromEntries(keys.map((key) => [key, {
    p50: median(results.map((r) => r[key].p50)),
    p95: median(results.map((r) => r[key].p95)),
  }])) as Latencies;
}

/**
 * The latency rows of the benchmark: each arm alone, hybrid, and a whole answer without the LLM.
 * Question i is asked from `askedFrom[i mod n]`: a community (its documents plus global ones) or
 * null (global documents only: the other filtered case).
 */
export async function measureLatencies(services: RagServices, questions: string[], askedFrom: (string | null)[]): Promise<Latencies> {
  const communityFor = (index: number) => askedFrom[index % askedFrom.length] ?? null;
  // Each block starts with an empty term-statistics cache, so word counts are paid as by a fresh process.
  const cold = <T>(run: (q: string, i: number) => Promise<T>) => {
    services.termStatistics.invalidate();
    return measure(questions, run);
  };
  return {
    vector: await cold((q, i) => searchVectors(services.db, space, embedText(q), { communityId: communityFor(i) }, TOP_K, vectorOptions(services.config.HNSW_EF_SEARCH))),
    fullText: await cold((q, i) => searchFullText(services.db, services.termStatistics, q, [{ text: q, weight: 1 }], { communityId: communityFor(i) }, TOP_K)),
    hybrid: await cold((q, i) => retrieveChunks(services, { question: q, communityId: communityFor(i), k: TOP_K })),
    answerOverhead: await cold((q, i) => answerQuestion(services, { question: q, communityId: communityFor(i), channel: 'eval' })),
  };
}

/**
 * HNSW recall@10 against exact search (sequential scan, no index) over the visible chunks, averaged
 * over the questions: `ids` counts the exact top-10 ids found; `distance` counts returned chunks at
 * least as near as the exact 10th (the usual definition when near-identical chunks tie).
 */
export async function measureRecall(db: HubDatabase, questions: string[], communityId: string | null, efSearch: number): Promise<{ ids: number; distance: number }> {
  let ids = 0;
  let distance = 0;
  for (const question of questions) {
    const vector = embedText(question);
    const scope = { communityId };
    const approximate = await searchVectors(db, space, vector, scope, TOP_K, vectorOptions(efSearch));
    const exact = await db.transaction(async (tx) => {
      await applyVectorSearchSettings(tx as unknown as HubDatabase, space, { iterative: false });
      for (const setting of ['enable_indexscan', 'enable_bitmapscan']) await tx.execute(sql.raw(`SET LOCAL ${setting} = off`));
      for (const setting of ['enable_seqscan', 'enable_sort']) await tx.execute(sql.raw(`SET LOCAL ${setting} = on`));
      return queryRows<{ id: string; distance: number }>(tx as unknown as HubDatabase, nearestChunksQuery(space, vector, scope, TOP_K, VectorStorage.full));
    });
    const found = new Set(approximate.map((hit) => hit.chunkId));
    const tenth = Number(exact.at(-1)?.distance ?? 0) + DISTANCE_TIE_TOLERANCE;
    ids += exact.filter((row) => found.has(row.id)).length / Math.max(1, exact.length);
    distance += approximate.filter((hit) => 1 - hit.similarity <= tenth).length / Math.max(1, exact.length);
  }
  return { ids: ids / questions.length, distance: distance / questions.length };
}

const DISTANCE_TIE_TOLERANCE = 1e-6;

/** The bench needs pgvector >= 0.8 (iterative scans), like the hub's default path. */
function vectorOptions(efSearch: number) {
  return { iterative: true, efSearch };
}
