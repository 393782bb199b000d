/**
 * A tsquery literal matching exactly one already-normalised lexeme (no second stemming pass): quotes
 * and backslashes escaped as the tsquery parser expects.
 */
export function lexemeQuery(lexeme: string): string {
  return `'${lexeme.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}

/** A tsquery literal matching any of the lexemes. */
export function anyLexemeQuery(lexemes: string[]): string {
  return lexemes.map(lexemeQuery).join(' | ');
}
