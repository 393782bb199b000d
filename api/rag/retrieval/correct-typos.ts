import { sql } from 'drizzle-orm';
import { queryRows, type HubDatabase } from '../../db/database.ts';
import { isKnownWord, wordWeight } from '../embeddings/word-weights.ts';

/** Shorter words have too few trigrams for a safe guess ("wat" could be "what", "was", "watt"). */
const MIN_TYPO_LENGTH = 4;
/** pg_trgm similarity needed to accept a correction; "bleech"/"bleach" is 0.40, "erthquake"/"earthquake" 0.57. */
const MIN_SIMILARITY = 0.35;

/**
 * Use before full-text search: for each question word that neither the hub's documents nor the
 * reference dictionary know, the closest word the documents do contain (pg_trgm), e.g. "bleech" ->
 * "bleach". Known English words are never "corrected" into something else.
 */
export async function correctTypos(db: HubDatabase, words: string[]): Promise<Map<string, string>> {
  const candidates = [...new Set(words)].filter(
    (word) => word.length >= MIN_TYPO_LENGTH && !/\d/.test(word) && !isKnownWord(word) && wordWeight(word) > 0,
  );
  if (candidates.length === 0) return new Map();
  const rows = await queryRows<{ word: string; suggestion: string | null }>(
    db,
    sql`SELECT w AS word,
          (SELECT t.term FROM search_terms t
            WHERE t.term % w AND similarity(t.term, w) >= ${MIN_SIMILARITY}
            ORDER BY similarity(t.term, w) DESC, t.term LIMIT 1) AS suggestion
        FROM unnest(${toTextArray(candidates)}::text[]) AS w
        WHERE NOT EXISTS (SELECT 1 FROM search_terms t WHERE t.term = w)`,
  );
  return new Map(rows.filter((r) => r.suggestion && r.suggestion !== r.word).map((r) => [r.word, r.suggestion!]));
}

/** A text[] literal; both drivers accept it as one parameter. */
export function toTextArray(values: string[]): string {
  return `{${values.map((v) => `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`).join(',')}}`;
}
