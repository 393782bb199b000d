const COMBINING_MARKS = /\p{M}+/gu;
const WORD = /[\p{L}\p{N}]+/gu;

/** Lower-cased words with accents folded ("Évacuation" -> "evacuation"), for matching across spellings. */
export function tokenizeWords(text: string): string[] {
  return text.normalize('NFKD').replace(COMBINING_MARKS, '').toLowerCase().match(WORD) ?? [];
}
