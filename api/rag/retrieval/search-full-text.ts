import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type HubDatabase } from '../../db/database.ts';
import { toTextArray } from './correct-typos.ts';
import { anyLexemeQuery, lexemeQuery } from './lexeme-query.ts';
import type { TermStatistics } from './term-statistics.ts';
import { visibleChunkCondition, type SearchScope } from './visibility.ts';

/** Text to search with a weight: the question itself (1), typo corrections (1), synonyms (lower). */
export interface WeightedText {
  text: string;
  weight: number;
}

/**
 * ts_rank weights for {D, C, B, A}: body text (D), tags and category (C), section headings (B) and the
 * document title plus file name (A). A question naming the hazard in a title ("flood") should prefer
 * that sheet; measured on both eval sets, titles at 3x and headings at 2x body beat both no boost
 * (resilience hit@1 0.60) and a 6x title boost (0.76 / ARAGOG 0.85; docs/retrieval-eval.md).
 */
export const FIELD_WEIGHTS = '{0.1, 0.1, 0.2, 0.3}';
/**
 * Candidate budget: the rarest lexemes select the chunks to rank until their document frequencies add
 * up to this; commoner ones ("water" in a water library) still add to the score of those candidates.
 * Ranking every chunk that says "water" cost ~0.5 s at 100k chunks (bench/retrieval.ts).
 */
const MAX_CANDIDATE_ROWS = 3_000;

export interface FullTextHit {
  chunkId: string;
  score: number;
}

/**
 * Use for the full-text arm of hybrid retrieval: BM25-style scoring on PostgreSQL full text. Each
 * lexeme's ts_rank (saturating term frequency, title and heading boosts) is multiplied by its IDF from
 * live corpus statistics and the weight of the text it came from; one branch per text configuration.
 * `websearch_to_tsquery` syntax ("exact phrase", -word) is honoured as a filter when used.
 */
export async function searchFullText(
  db: HubDatabase,
  stats: TermStatistics,
  question: string,
  texts: WeightedText[],
  scope: SearchScope,
  limit: number,
): Promise<FullTextHit[]> {
  const corpus = await stats.corpus(db);
  if (corpus.chunks === 0) return [];
  const lexemes = await lexemesByConfig(db, corpus.configs, texts);
  const branches: { match: SQL; score: SQL; config: string }[] = [];
  for (const [config, weights] of lexemes) {
    if (weights.size === 0) continue;
    const frequencies = await stats.documentFrequencies(db, config, [...weights.keys()]);
    const terms = [...weights].map(([lexeme, weight]) => {
      const df = frequencies.get(lexeme) ?? 0;
      return { lexeme, df, weight: weight * Math.log(1 + (corpus.chunks - df + 0.5) / (df + 0.5)) };
    }).filter((t) => t.df > 0);
    if (terms.length === 0) continue;
    const selecting = selectCandidateTerms(terms);
    const score = sql.join(
      terms.map((t) => sql`${t.weight} * ts_rank(${FIELD_WEIGHTS}::float4[], c.tsv, ${lexemeQuery(t.lexeme)}::tsquery)`),
      sql` + `,
    );
    let match = sql`c.fts_config = ${config} AND c.tsv @@ ${anyLexemeQuery(selecting.map((t) => t.lexeme))}::tsquery`;
    if (usesSearchOperators(question)) match = sql`${match} AND c.tsv @@ websearch_to_tsquery(${config}::regconfig, ${question})`;
    branches.push({ match, score, config });
  }
  if (branches.length === 0) return [];
  const scoreCase = sql`CASE ${sql.join(branches.map((b) => sql`WHEN c.fts_config = ${b.config} THEN ${b.score}`), sql` `)} ELSE 0 END`;
  const query = sql`SELECT c.id, ${scoreCase} AS score
        FROM chunks c
        WHERE (${sql.join(branches.map((b) => sql`(${b.match})`), sql` OR `)}) AND ${visibleChunkCondition(scope)}
        ORDER BY score DESC, c.id
        LIMIT ${limit}`;
  const rows = await db.transaction(async (tx) => {
    // At 100k chunks the estimate crosses jit_above_cost and PostgreSQL spends 100+ ms compiling a 10 ms query.
    await tx.execute(sql.raw('SET LOCAL jit = off'));
    return queryRows<{ id: string; score: number }>(tx as unknown as HubDatabase, query);
  });
  return rows.map((row) => ({ chunkId: row.id, score: Number(row.score) }));
}

/** Rarest first, while their matches fit the candidate budget (always at least the rarest one). */
function selectCandidateTerms<T extends { df: number }>(terms: T[]): T[] {
  const byRarity = [...terms].sort((a, b) => a.df - b.df);
  const chosen: T[] = [];
  let rows = 0;
  for (const term of byRarity) {
    if (chosen.length > 0 && rows + term.df > MAX_CANDIDATE_ROWS) break;
    chosen.push(term);
    rows += term.df;
  }
  return chosen;
}

/** Lexemes of each weighted text under each configuration, keeping the highest weight per lexeme. */
async function lexemesByConfig(db: HubDatabase, configs: string[], texts: WeightedText[]): Promise<Map<string, Map<string, number>>> {
  const rows = await queryRows<{ config: string; idx: number; lexemes: string[] }>(
    db,
    sql`SELECT cfg AS config, g.idx::int AS idx, tsvector_to_array(to_tsvector(cfg::regconfig, g.text)) AS lexemes
        FROM unnest(${toTextArray(configs)}::text[]) AS cfg
        CROSS JOIN unnest(${toTextArray(texts.map((t) => t.text))}::text[]) WITH ORDINALITY AS g(text, idx)`,
  );
  const result = new Map<string, Map<string, number>>(configs.map((c) => [c, new Map()]));
  for (const row of rows) {
    const weight = texts[Number(row.idx) - 1]?.weight ?? 0;
    const target = result.get(row.config)!;
    for (const lexeme of parseTextArray(row.lexemes)) target.set(lexeme, Math.max(weight, target.get(lexeme) ?? 0));
  }
  return result;
}

/** node-postgres parses text[] into an array; PGlite too, but be tolerant of the raw literal. */
function parseTextArray(value: string[] | string): string[] {
  if (Array.isArray(value)) return value;
  return value.replace(/^\{|\}$/g, '').split(',').filter(Boolean).map((v) => v.replace(/^"|"$/g, ''));
}

/** A quoted phrase or a -word: the person wrote a search query, so its operators must hold. */
function usesSearchOperators(question: string): boolean {
  return /"[^"]+"|(^|\s)-\w/.test(question);
}
