import { wordWeight } from '../embeddings/word-weights.ts';
import { tokenizeWords } from '../text/tokenize-words.ts';

export interface ExtractivePassage {
  /** Citation number shown as [n]. */
  number: number;
  label: string;
  text: string;
}

/** Shown above every extractive answer so nobody mistakes quotes for a written answer. */
export const EXTRACTIVE_LABEL =
  'No language model is reachable right now, so this answer quotes the most relevant passages of the documents as they are:';

const MAX_PASSAGES = 3;
const MAX_LINES_PER_PASSAGE = 4;
/** A passage this short (a checklist, a table, a notice) is quoted whole: its lines only make sense together. */
const QUOTE_WHOLE_CHARS = 600;
/** A line is quoted when it scores at least this share of the passage's best line. */
const LINE_SHARE_OF_BEST = 0.35;
/** Matched words must weigh this much (one topical word like "bleach") to count as an answer. */
const MIN_EVIDENCE = 4;
/** Shared prefix that makes two words the same for quoting ("gallons"/"gallon", "disinfection"/"disinfect"). */
const STEM_PREFIX = 5;
const TABLE_LINE = /^\s*\|/;
const TABLE_SEPARATOR = /^\s*\|?\s*:?-{2,}/;

/**
 * Use when no LLM answered: quotes the lines of the best passages that share the most informative
 * words with the question (table rows keep their header), each with its citation number. `answered`
 * is false when not even the best passage shares a topical word with the question.
 */
export function buildExtractiveAnswer(questionTexts: string[], passages: ExtractivePassage[]): { answer: string; answered: boolean } {
  const terms = questionTerms(questionTexts);
  const parts: string[] = [];
  let bestEvidence = 0;
  for (const passage of passages.slice(0, MAX_PASSAGES)) {
    const units = splitUnits(passage.text);
    const scored = units.map((unit) => ({ unit, score: scoreUnit(unit, terms) }));
    const best = Math.max(0, ...scored.map((s) => s.score));
    bestEvidence = Math.max(bestEvidence, best);
    if (best === 0 && parts.length > 0) continue;
    const whole = passage.text.length <= QUOTE_WHOLE_CHARS;
    const chosen = whole ? scored : best === 0 ? scored.slice(0, MAX_LINES_PER_PASSAGE) : topUnits(scored, best);
    const lines = withTableHeaders(chosen.map((s) => s.unit), units);
    parts.push(`[${passage.number}] ${passage.label}\n${lines.map((line) => `> ${line}`).join('\n')}`);
  }
  if (parts.length === 0) return { answer: "The hub's documents do not seem to cover this question.", answered: false };
  return { answer: `${EXTRACTIVE_LABEL}\n\n${parts.join('\n\n')}`, answered: bestEvidence >= MIN_EVIDENCE };
}

function questionTerms(texts: string[]): Map<string, number> {
  const terms = new Map<string, number>();
  for (const word of tokenizeWords(texts.join(' '))) {
    const weight = wordWeight(word);
    if (weight >= 1) terms.set(word, Math.max(weight, terms.get(word) ?? 0));
  }
  return terms;
}

function splitUnits(text: string): string[] {
  return text
    .split('\n')
    .flatMap((line) => (TABLE_LINE.test(line) || line.length < 200 ? [line] : line.split(/(?<=[.!?])\s+/)))
    .map((line) => line.trim())
    .filter((line) => line.length > 0 && !TABLE_SEPARATOR.test(line));
}

function scoreUnit(unit: string, terms: Map<string, number>): number {
  const matched = new Set<string>();
  for (const word of tokenizeWords(unit)) {
    for (const term of terms.keys()) {
      if (word === term || (word.length >= STEM_PREFIX && term.length >= STEM_PREFIX && word.slice(0, STEM_PREFIX) === term.slice(0, STEM_PREFIX))) {
        matched.add(term);
      }
    }
  }
  return [...matched].reduce((sum, term) => sum + terms.get(term)!, 0);
}

function topUnits(scored: { unit: string; score: number }[], best: number) {
  const keep = new Set(
    scored
      .filter((s) => s.score >= best * LINE_SHARE_OF_BEST)
      .sort((a, b) => b.score - a.score)
      .slice(0, MAX_LINES_PER_PASSAGE)
      .map((s) => s.unit),
  );
  return scored.filter((s) => keep.has(s.unit));
}

/** A quoted table row is useless without the row naming its columns: add the table's first row. */
function withTableHeaders(lines: string[], units: string[]): string[] {
  const header = units.find((u) => TABLE_LINE.test(u));
  if (!header || !lines.some((l) => TABLE_LINE.test(l)) || lines.includes(header)) return lines;
  const firstRow = lines.findIndex((l) => TABLE_LINE.test(l));
  return [...lines.slice(0, firstRow), header, ...lines.slice(firstRow)];
}
