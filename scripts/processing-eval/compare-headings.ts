import { markdownWords } from './compare-text.ts';

export interface HeadingScore {
  precision: number;
  recall: number;
  f1: number;
  expected: number;
  found: number;
}

/** Heading texts of a Markdown document (ATX headings), in order. */
export function markdownHeadings(markdown: string): string[] {
  return [...markdown.matchAll(/^#{1,6}\s+(.+?)\s*#*\s*$/gm)].map((match) => match[1]!);
}

/**
 * Heading words without their section number ("2.1", "1"), which some references drop and others
 * read after the title ("들어가며 1" for a "1" printed left of "들어가며"), so it is ignored at either end.
 */
const key = (heading: string) =>
  markdownWords(heading.replace(/^\s*(?:\d+[.)]?)+\s+(?=\D)/, '').replace(/(?<=\D)\s+\d+[.)]?\s*$/, '')).join(' ');

/**
 * Precision, recall and F1 of our headings against the reference's, matched one to one on their
 * words (levels ignored: Docling's PDF output flattens every heading to `##`).
 */
export function scoreHeadings(ours: readonly string[], reference: readonly string[]): HeadingScore {
  const remaining = new Map<string, number>();
  for (const heading of reference) remaining.set(key(heading), (remaining.get(key(heading)) ?? 0) + 1);
  let matched = 0;
  for (const heading of ours) {
    const count = remaining.get(key(heading)) ?? 0;
    if (count > 0) {
      matched += 1;
      remaining.set(key(heading), count - 1);
    }
  }
  const precision = ours.length === 0 ? (reference.length === 0 ? 1 : 0) : matched / ours.length;
  const recall = reference.length === 0 ? 1 : matched / reference.length;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1, expected: reference.length, found: ours.length };
}
