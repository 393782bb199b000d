import { tokenizeWords } from '../text/tokenize-words.ts';
import { wordWeight } from './word-weights.ts';

/**
 * The features of the built-in embedder and their weights:
 * - words, weighted by a fixed inverse frequency (word-weights.ts): the topic of the text;
 * - character 4-grams of each word (with word boundaries), sharing the word's weight: typos
 *   ("bleech"), plurals and inflections ("gallons", "evacuating") still land near the right chunks.
 * Measured on both eval sets (docs/retrieval-eval.md): 3- and 5-grams and word pairs added hash
 * collisions that cost more than they found, so they were dropped.
 */
const CHAR_NGRAM_SIZE = 4;
/** Share of a word's weight spread over its character n-grams (the rest stays on the whole word). */
const CHAR_NGRAM_SHARE = 0.6;
/** Words below this weight are function words ("the", "what"): left out entirely. */
const MIN_CONTENT_WEIGHT = 1;

/**
 * Feature name -> weight for one text. Repeats are damped (1 + ln n, as in BM25-style scoring) so a
 * word said ten times counts about three times, not ten.
 */
export function extractFeatures(text: string): Map<string, number> {
  const sums = new Map<string, { weight: number; count: number }>();
  const add = (name: string, weight: number) => {
    const entry = sums.get(name);
    if (entry) {
      entry.weight += weight;
      entry.count += 1;
    } else sums.set(name, { weight, count: 1 });
  };
  for (const word of tokenizeWords(text)) {
    const weight = wordWeight(word);
    if (weight < MIN_CONTENT_WEIGHT) continue;
    add(`w:${word}`, weight * (1 - CHAR_NGRAM_SHARE));
    const grams = characterNgrams(word);
    for (const gram of grams) add(`c:${gram}`, (weight * CHAR_NGRAM_SHARE) / grams.length);
  }
  const features = new Map<string, number>();
  for (const [name, { weight, count }] of sums) features.set(name, (weight / count) * (1 + Math.log(count)));
  return features;
}

function characterNgrams(word: string): string[] {
  const padded = `<${word}>`;
  if (padded.length <= CHAR_NGRAM_SIZE) return [padded];
  const grams: string[] = [];
  for (let start = 0; start + CHAR_NGRAM_SIZE <= padded.length; start++) grams.push(padded.slice(start, start + CHAR_NGRAM_SIZE));
  return grams;
}
