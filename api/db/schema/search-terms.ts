import { index, pgTable, text } from 'drizzle-orm/pg-core';

/**
 * Every distinct word seen in indexed chunks (lower-cased, accents folded). Retrieval corrects typos in
 * questions against it with pg_trgm ("bleech" -> "bleach") before searching. Words are only added:
 * a word whose documents were deleted can still be suggested, which costs a useless search term at worst.
 */
export const searchTerms = pgTable(
  'search_terms',
  {
    term: text('term').primaryKey(),
  },
  (table) => [index('search_terms_trgm_idx').using('gin', table.term.op('gin_trgm_ops'))],
);
