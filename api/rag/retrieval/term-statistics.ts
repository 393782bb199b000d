import { sql } from 'drizzle-orm';
import { queryRows, type HubDatabase } from '../../db/database.ts';
import { toTextArray } from './correct-typos.ts';
import { lexemeQuery } from './lexeme-query.ts';
import type { VectorSpace } from './vector-space.ts';

export interface CorpusSummary {
  chunks: number;
  configs: string[];
  /** Embedding models present in the chunks, each with its dimension. */
  spaces: VectorSpace[];
  /** Share of chunks containing each of the commonest lexemes, from PostgreSQL's own statistics (large corpora only). */
  common: Map<string, number>;
}

/**
 * Counting stops at this share of the corpus: above it a word is common and its IDF is near its floor
 * anyway, while counting every "water" chunk of a big library cost tens of milliseconds per new word.
 */
const DF_COUNT_CAP_SHARE = 0.1;
const MIN_DF_COUNT_CAP = 100;
const countCap = (chunks: number) => Math.max(MIN_DF_COUNT_CAP, Math.ceil(chunks * DF_COUNT_CAP_SHARE));

/** How long document frequencies are reused; indexing in this process clears them at once. */
const STATISTICS_TTL_MS = 10 * 60_000;
/**
 * The corpus summary is cheap (one grouped scan) and decides which configurations and vector spaces
 * are searched, so it is refreshed often: another process may have indexed a new language or model.
 */
const SUMMARY_TTL_MS = 30_000;

/**
 * Below this many chunks every frequency is counted: a few milliseconds, and exact. ANALYZE's shares
 * are estimates (lossy counting over a sample) that differ from one ANALYZE to the next, which made
 * the same question over the same 489 chunks rank a different guide first after autovacuum ran.
 */
export const STATISTICS_FROM_CHUNKS = 20_000;

/**
 * Corpus statistics for BM25-style weighting of full-text matches (PostgreSQL's ts_rank has no IDF):
 * how many chunks contain a lexeme, counted with the GIN index on first use and cached; in large
 * corpora the commonest lexemes' shares come from PostgreSQL's statistics instead.
 */
export class TermStatistics {
  #frequencies = new Map<string, { value: number; at: number }>();
  #summary: (CorpusSummary & { at: number }) | null = null;
  readonly #statisticsFromChunks: number;

  constructor(options: { statisticsFromChunks?: number } = {}) {
    this.#statisticsFromChunks = options.statisticsFromChunks ?? STATISTICS_FROM_CHUNKS;
  }

  /** Forget everything; call after chunks were added or removed. */
  invalidate(): void {
    this.#frequencies.clear();
    this.#summary = null;
  }

  /** Number of chunks, the text search configurations and the vector spaces in use. */
  async corpus(db: HubDatabase): Promise<CorpusSummary> {
    const cached = this.#summary;
    if (cached && Date.now() - cached.at < SUMMARY_TTL_MS) return cached;
    const rows = await queryRows<{ fts_config: string; embedding_model: string | null; embedding_dims: number | null; n: number }>(
      db,
      sql`SELECT fts_config, embedding_model, embedding_dims, count(*)::int AS n FROM chunks GROUP BY 1, 2, 3`,
    );
    const chunks = rows.reduce((sum, r) => sum + Number(r.n), 0);
    const common = chunks >= this.#statisticsFromChunks ? await commonLexemes(db) : new Map<string, number>();
    const spaces = new Map<string, VectorSpace>();
    for (const row of rows) {
      if (row.embedding_model && row.embedding_dims) spaces.set(row.embedding_model, { model: row.embedding_model, dimensions: Number(row.embedding_dims) });
    }
    const summary = {
      chunks,
      configs: [...new Set(rows.map((r) => r.fts_config))],
      spaces: [...spaces.values()],
      common,
      at: Date.now(),
    };
    // An empty hub is not cached: the first upload (maybe by another process) must be searchable at once.
    if (summary.chunks > 0) this.#summary = summary;
    return summary;
  }

  /** Chunks containing each lexeme under one configuration (lexemes as produced by that configuration). */
  async documentFrequencies(db: HubDatabase, config: string, lexemes: string[]): Promise<Map<string, number>> {
    const corpus = await this.corpus(db);
    const now = Date.now();
    const key = (lexeme: string) => `${config}\u0000${lexeme}`;
    // Common words come from ANALYZE's statistics for free; only rarer ones (cheap to count) are counted.
    // Both are capped alike: otherwise a word's weight, and so the ranking, would change the moment
    // autovacuum analyses the table (a counted "water" stopped at the cap, a looked-up one did not).
    const cap = countCap(corpus.chunks);
    for (const lexeme of lexemes) {
      const share = corpus.common.get(lexeme);
      if (share !== undefined) this.#frequencies.set(key(lexeme), { value: Math.min(cap, Math.round(share * corpus.chunks)), at: now });
    }
    const missing = lexemes.filter((l) => {
      const hit = this.#frequencies.get(key(l));
      return !hit || now - hit.at >= STATISTICS_TTL_MS;
    });
    if (missing.length > 0) {
      const rows = await queryRows<{ lexeme: string; df: number }>(
        db,
        sql`SELECT t.lexeme,
              (SELECT count(*)::int FROM (
                SELECT 1 FROM chunks c WHERE c.fts_config = ${config} AND c.tsv @@ t.q::tsquery LIMIT ${cap}
              ) AS matches) AS df
            FROM unnest(${toTextArray(missing)}::text[], ${toTextArray(missing.map(lexemeQuery))}::text[]) AS t(lexeme, q)`,
      );
      for (const row of rows) this.#frequencies.set(key(row.lexeme), { value: Number(row.df), at: now });
    }
    return new Map(lexemes.map((l) => [l, this.#frequencies.get(key(l))?.value ?? 0]));
  }
}

/**
 * ANALYZE keeps, for a tsvector column, the ~1000 commonest lexemes and the share of rows containing
 * each (pg_stats.most_common_elems). Counting "water" or "need" in 100k chunks cost 20-200 ms each;
 * reading them from here costs nothing. Empty until the table was analysed (autovacuum does it).
 */
async function commonLexemes(db: HubDatabase): Promise<Map<string, number>> {
  const [row] = await queryRows<{ elems: string[] | null; freqs: number[] | null }>(
    db,
    sql`SELECT most_common_elems::text::text[] AS elems, most_common_elem_freqs AS freqs
        FROM pg_stats WHERE schemaname = current_schema() AND tablename = 'chunks' AND attname = 'tsv'`,
  );
  const common = new Map<string, number>();
  if (!row?.elems || !row.freqs) return common;
  row.elems.forEach((lexeme, index) => common.set(lexeme, Number(row.freqs![index])));
  return common;
}
