import { sql } from 'drizzle-orm';
import type { HubDatabase } from '../../db/database.ts';
import { tokenizeWords } from '../text/tokenize-words.ts';
import { toTextArray } from './correct-typos.ts';

/** Words longer than this are codes or glued text, not something a person would misspell. */
const MAX_TERM_LENGTH = 30;
const TERMS_PER_STATEMENT = 2_000;

/**
 * Use after indexing: adds the words of the given texts to the typo-correction vocabulary. Runs
 * outside the chunk transaction and never locks existing rows (DO NOTHING), so parallel indexing jobs
 * do not wait on each other for common words.
 */
export async function rememberSearchTerms(db: HubDatabase, texts: string[]): Promise<void> {
  const terms = new Set<string>();
  for (const text of texts) {
    for (const word of tokenizeWords(text)) {
      if (word.length >= 3 && word.length <= MAX_TERM_LENGTH && !/^\d+$/.test(word)) terms.add(word);
    }
  }
  const sorted = [...terms].sort();
  for (let start = 0; start < sorted.length; start += TERMS_PER_STATEMENT) {
    const batch = sorted.slice(start, start + TERMS_PER_STATEMENT);
    await db.execute(sql`INSERT INTO search_terms (term) SELECT unnest(${toTextArray(batch)}::text[]) ON CONFLICT DO NOTHING`);
  }
}
