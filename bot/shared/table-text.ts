/** Wider than this, an aligned table wraps on a phone: each row then becomes one line with its headers. */
export const MAX_ALIGNED_TABLE_WIDTH = 48;

/** The cells of `| a | b |` rows (the first row is the header). */
export function parseTableRows(text: string): string[][] {
  return text
    .split('\n')
    .map((line) => line.trim().replace(/^\|/, '').replace(/\|$/, ''))
    .map((line) => line.split('|').map((cell) => cell.trim()));
}

/**
 * A table as plain text people can read on a phone: aligned columns when narrow enough (for a
 * monospace block), else one line per row naming each value's column ("Water: 1 gallon · Bleach: 8 drops").
 */
export function tableAsText(text: string): { monospace: boolean; text: string } {
  const rows = parseTableRows(text);
  const columns = Math.max(...rows.map((row) => row.length));
  const widths = Array.from({ length: columns }, (_, column) => Math.max(...rows.map((row) => [...(row[column] ?? '')].length)));
  const width = widths.reduce((sum, value) => sum + value, 0) + 3 * (columns - 1);
  if (width <= MAX_ALIGNED_TABLE_WIDTH || rows.length === 1) {
    const lines = rows.map((row) => widths.map((w, column) => pad(row[column] ?? '', w)).join(' | ').trimEnd());
    if (rows.length > 1) lines.splice(1, 0, widths.map((w) => '-'.repeat(w)).join('-+-'));
    return { monospace: true, text: lines.join('\n') };
  }
  const [header = [], ...body] = rows;
  const lines = body.map((row) => row.map((cell, column) => (header[column] ? `${header[column]}: ${cell}` : cell)).filter((cell) => cell.trim() !== '').join(' · '));
  return { monospace: false, text: lines.join('\n') };
}

function pad(cell: string, width: number): string {
  return cell + ' '.repeat(Math.max(0, width - [...cell].length));
}
