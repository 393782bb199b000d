import type { QuestionTerm } from './question-terms.ts';
import { expectedAnswerType, type AnswerType } from './expected-answer-type.ts';
import { scorePassage, type PassageEvidence, type PassageInput } from './score-passage.ts';

/**
 * How the evidence adds up, and the thresholds, measured on the resilience tuning questions
 * (scripts/eval-data/resilience-questions.jsonl: 57 answerable, 19 not) and checked on ARAGOG's
 * answerable questions; docs/retrieval-eval.md has the method and the held-out figures.
 *
 * - Built-in similarity counts 1.5 times: its cosines run 0-0.5 where coverage runs 0-1.
 * - Words the documents never use lower the score: a question about "frostbite" or "tax" asks for
 *   something the hub does not have, whatever else it shares with a passage.
 */
export const RelevanceWeights = {
  similarity: 1.5,
  unknownWords: 1,
  /**
   * Relevance below which the hub says its documents do not cover the question (and asks no model):
   * the highest value that kept false abstentions at 5 % of the answerable tuning questions (3 of 59).
   */
  answerThreshold: 0.25,
  /** A passage below this is not cited or shown to a model, even when the question is answered... */
  passageFloor: 0.2,
  /** ...nor one below this share of the best passage's relevance (an off-topic tail). */
  passageShareOfBest: 0.5,
  /**
   * A passage whose best sentences hold no value of the type the question asks for ("how long" and no
   * duration) keeps this share of its relevance: it is about the topic, not the answer.
   */
  missingAnswerType: 0.6,
  /**
   * A passage that holds only one of a question's three or more topic words, and whose vector
   * similarity does not back it (below `weakSimilarity`), keeps this share: one rare shared word
   * ("cup" for "who won the world cup") is a coincidence more often than an answer.
   */
  singleTermMatch: 0.65,
  weakSimilarity: 0.2,
} as const;
/**
 * A small library lacks most words of any question, so there a word's absence says little: the
 * unknown-word penalty grows with the library up to full strength at this many chunks.
 */
const CHUNKS_FOR_FULL_UNKNOWN_PENALTY = 200;
/** Built-in cosines rarely pass this; it scales similarity to the range of coverage. */
const TYPICAL_MAX_SIMILARITY = 0.5;

export interface PassageRelevance<T extends PassageInput> {
  passage: T;
  evidence: PassageEvidence;
  /** Absolute relevance 0-1: comparable across questions, unlike retrieval ranks. */
  relevance: number;
}

export interface RelevanceAssessment<T extends PassageInput> {
  /** The best passage's relevance: whether the documents answer the question at all. */
  relevance: number;
  answered: boolean;
  /** Every passage with its evidence, most relevant first. */
  passages: PassageRelevance<T>[];
  /** Share of the question's weight in words the documents never use. */
  unknownShare: number;
}

/**
 * Use after retrieval: an absolute relevance signal for the question and each passage, from the
 * question's content words found together in one sentence or list item (with the passage's title and
 * headings), the built-in vector similarity, and the words no document uses.
 */
export function assessRelevance<T extends PassageInput>(question: string, terms: QuestionTerm[], passages: T[], corpusChunks: number): RelevanceAssessment<T> {
  const total = terms.reduce((sum, term) => sum + term.weight, 0);
  const unknown = terms.filter((term) => term.documentFrequency === 0).reduce((sum, term) => sum + term.weight, 0);
  const unknownShare = total > 0 ? unknown / total : 1;
  const penalty = RelevanceWeights.unknownWords * Math.min(1, corpusChunks / CHUNKS_FOR_FULL_UNKNOWN_PENALTY) * unknownShare;
  const answerType = expectedAnswerType(question);
  const scored = passages.map((passage) => {
    const evidence = scorePassage(question, terms, passage);
    const typeFactor = answerType && !showsAnswerType(evidence, answerType) ? RelevanceWeights.missingAnswerType : 1;
    const lone = terms.length >= 3 && evidence.termsFound <= 1 && evidence.similarity < RelevanceWeights.weakSimilarity;
    const breadthFactor = lone ? RelevanceWeights.singleTermMatch : 1;
    return { passage, evidence, relevance: combine(evidence, penalty, typeFactor * breadthFactor) };
  });
  const ranked = scored.map((entry, order) => ({ entry, order })).sort((a, b) => b.entry.relevance - a.entry.relevance || a.order - b.order).map((e) => e.entry);
  const relevance = ranked[0]?.relevance ?? 0;
  return { relevance, answered: total > 0 && relevance >= RelevanceWeights.answerThreshold, passages: ranked, unknownShare };
}

function combine(evidence: PassageEvidence, penalty: number, typeFactor: number): number {
  const raw = (evidence.coverage + RelevanceWeights.similarity * Math.max(0, evidence.similarity)) / (1 + RelevanceWeights.similarity * TYPICAL_MAX_SIMILARITY);
  const score = raw * (1 - penalty) * typeFactor;
  return Math.round(Math.min(1, Math.max(0, score)) * 1000) / 1000;
}

/** Units covering at least this share of the passage's best unit are where its answer would be. */
const ANSWERING_UNIT_SHARE = 0.75;

/** Whether the sentences of a passage that match the question best hold a value of the asked type. */
function showsAnswerType(evidence: PassageEvidence, type: AnswerType): boolean {
  const best = evidence.coverage;
  return evidence.units.some((unit) => unit.coverage > 0 && unit.coverage >= best * ANSWERING_UNIT_SHARE && type.matches(`${unit.tableHeader ?? ''} ${unit.text}`));
}
