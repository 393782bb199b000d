import { sql } from 'drizzle-orm';
import { queryRows, type HubDatabase } from '../../db/database.ts';
import { wordWeight } from '../embeddings/word-weights.ts';
import { tokenizeWords } from '../text/tokenize-words.ts';
import { quantityFrameWords } from './expected-answer-type.ts';
import { toTextArray } from '../retrieval/correct-typos.ts';
import type { SynonymMatch } from '../retrieval/query-synonyms.ts';
import type { TermStatistics } from '../retrieval/term-statistics.ts';

/**
 * Below this reference weight a word is a function word whatever the stop list says ("what", "do",
 * "can"): it says nothing about whether a passage answers.
 */
const MIN_WORD_WEIGHT = 1;
/**
 * Words that frame a question rather than name its topic ("what are the best tips", "does it
 * usually happen"): a passage sharing only these with a question does not answer it.
 */
const FRAME_WORDS = new Set([
  'usually', 'often', 'typically', 'generally', 'normally', 'exactly', 'actually', 'really', 'probably', 'possibly', 'ever',
  'best', 'good', 'bad', 'better', 'way', 'ways', 'thing', 'things', 'stuff', 'kind', 'sort', 'type', 'lot', 'lots', 'tips',
  'help', 'helps', 'info', 'information', 'know', 'tell', 'explain', 'happen', 'happens', 'mean', 'means', 'need', 'needs',
  'want', 'like', 'please', 'thanks', 'anyone', 'someone', 'something', 'anything', 'everything', 'question', 'answer',
]);

/** One content word of a question and what counts as it in a passage. */
export interface QuestionTerm {
  /** The word as written (lower-cased, accents folded). */
  word: string;
  /** Words a passage may use instead: the word itself (or its typo correction) and everyday-word synonyms. */
  alternatives: string[];
  /** The lexemes of `alternatives` under each text search configuration of the corpus. */
  lexemes: Map<string, string[]>;
  /** Chunks containing the word (or its correction); 0 when the hub's documents never use it. */
  documentFrequency: number;
  /** How much the word says in this corpus: BM25's IDF, from the live statistics. */
  weight: number;
}

export interface QuestionTermInput {
  question: string;
  /** Typo corrections, misspelt word -> word of the documents. */
  corrections: Map<string, string>;
  synonyms: SynonymMatch[];
  configs: string[];
  chunks: number;
}

/**
 * Use to judge whether passages answer a question: its content words with their weight in this corpus
 * and the alternatives that count as each, under every text search configuration in use. A typo stands
 * for its correction; a synonym ("twister" -> tornado) widens a word, it never adds a term of its own.
 */
export async function buildQuestionTerms(db: HubDatabase, stats: TermStatistics, input: QuestionTermInput): Promise<QuestionTerm[]> {
  const frames = quantityFrameWords(input.question);
  const words = [...new Set(tokenizeWords(input.question))].filter((word) => wordWeight(word) >= MIN_WORD_WEIGHT && !FRAME_WORDS.has(word) && !frames.has(word));
  const drafts = words.map((word) => {
    const own = input.corrections.get(word) ?? word;
    const synonyms = input.synonyms.filter((s) => tokenizeWords(s.matched).includes(word)).flatMap((s) => tokenizeWords(s.expansion));
    return { word, own, alternatives: [...new Set([own, ...synonyms])] };
  });
  const splits = new Map(drafts.map((d) => [d.own, compoundSplits(d.own)]));
  const allWords = [...new Set([...drafts.flatMap((d) => d.alternatives), ...[...splits.values()].flat(2)])];
  if (allWords.length === 0 || input.configs.length === 0) return [];
  const lexemesOf = await lexemesByConfig(db, input.configs, allWords);
  const frequencies = new Map<string, Map<string, number>>();
  for (const config of input.configs) {
    const lexemes = [...new Set(allWords.flatMap((w) => lexemesOf.get(config)?.get(w) ?? []))];
    frequencies.set(config, lexemes.length > 0 ? await stats.documentFrequencies(db, config, lexemes) : new Map());
  }
  const frequencyOf = (word: string) =>
    input.configs.reduce((sum, config) => sum + Math.max(0, ...(lexemesOf.get(config)?.get(word) ?? []).map((l) => frequencies.get(config)?.get(l) ?? 0)), 0);
  return drafts.flatMap((draft) => {
    const ownLexemes = input.configs.some((config) => (lexemesOf.get(config)?.get(draft.own) ?? []).length > 0);
    if (!ownLexemes) return []; // a stop word of every configuration in use
    const lexemes = new Map(input.configs.map((config) => [config, [...new Set(draft.alternatives.flatMap((w) => lexemesOf.get(config)?.get(w) ?? []))]]));
    // A word the documents never use but whose synonym they do ("twister" / tornado) weighs as the synonym;
    // a compound they spell as two words ("floodwater" / flood water) as the rarer half.
    const documentFrequency = frequencyOf(draft.own) || Math.max(0, ...draft.alternatives.map(frequencyOf))
      || Math.max(0, ...(splits.get(draft.own) ?? []).map(([head, tail]) => Math.min(frequencyOf(head), frequencyOf(tail))));
    // Informative means rare here AND in everyday English: "much" or "need" are rare in a guide, "water" common in it.
    const weight = Math.min(inverseFrequency(input.chunks, documentFrequency), wordWeight(draft.own));
    return [{ word: draft.word, alternatives: draft.alternatives, lexemes, documentFrequency, weight }];
  });
}

/** A compound's two-word spellings ("floodwater" -> flood + water), both parts at least 3 letters. */
const MIN_COMPOUND = 7;
const MIN_COMPOUND_PART = 3;
function compoundSplits(word: string): [string, string][] {
  if (word.length < MIN_COMPOUND || /\d/.test(word)) return [];
  const splits: [string, string][] = [];
  for (let at = MIN_COMPOUND_PART; at <= word.length - MIN_COMPOUND_PART; at++) splits.push([word.slice(0, at), word.slice(at)]);
  return splits;
}

/** BM25's IDF, the same as the full-text arm uses for ranking. */
export function inverseFrequency(chunks: number, documentFrequency: number): number {
  return Math.log(1 + (chunks - documentFrequency + 0.5) / (documentFrequency + 0.5));
}

async function lexemesByConfig(db: HubDatabase, configs: string[], words: string[]): Promise<Map<string, Map<string, string[]>>> {
  const rows = await queryRows<{ config: string; word: string; lexemes: string[] | string }>(
    db,
    sql`SELECT cfg AS config, w AS word, tsvector_to_array(to_tsvector(cfg::regconfig, w)) AS lexemes
        FROM unnest(${toTextArray(configs)}::text[]) AS cfg CROSS JOIN unnest(${toTextArray(words)}::text[]) AS w`,
  );
  const result = new Map<string, Map<string, string[]>>(configs.map((c) => [c, new Map()]));
  for (const row of rows) result.get(row.config)!.set(row.word, parseTextArray(row.lexemes));
  return result;
}

function parseTextArray(value: string[] | string): string[] {
  if (Array.isArray(value)) return value;
  return value.replace(/^\{|\}$/g, '').split(',').filter(Boolean).map((v) => v.replace(/^"|"$/g, ''));
}
