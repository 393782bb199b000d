import { embedText } from '../embeddings/builtin-embedder.ts';
import { isAimedAtAssistant } from '../llm/aimed-at-assistant.ts';
import { sameWord } from '../text/stem-word.ts';
import { tokenizeWords } from '../text/tokenize-words.ts';
import { splitPassageUnits, type PassageUnit } from './passage-units.ts';
import type { QuestionTerm } from './question-terms.ts';

/** What a passage shows of a question: its best units and how much of the question they cover. */
export interface PassageEvidence {
  /** Share of the question's term weight found in the best unit with its context, 0-1. */
  coverage: number;
  /** How many of the question's terms the best unit with its context holds (a count, not a weight). */
  termsFound: number;
  /** Cosine of question and passage under the built-in embedder (the same scale for every hub). */
  similarity: number;
  units: ScoredUnit[];
}

export interface ScoredUnit extends PassageUnit {
  /** Share of the question's term weight this unit covers, with its headings and the passage's title and section. */
  coverage: number;
  /** The same share from the unit's own words only: what makes one sentence of a passage the answer. */
  ownCoverage: number;
  /** How many of the question's terms the unit with its context holds. */
  termsFound: number;
}

export interface PassageInput {
  title: string;
  sectionPath: string[];
  text: string;
}

/**
 * Use to judge one retrieved passage against a question. Coverage is per unit (sentence, list item,
 * table row) because an answer is usually one sentence: question words scattered over a long passage
 * are weaker evidence than the same words together. The title and headings count for every unit:
 * "how fast do tsunami waves travel" is answered by a sentence that never says "tsunami".
 */
export function scorePassage(question: string, terms: QuestionTerm[], passage: PassageInput): PassageEvidence {
  const total = terms.reduce((sum, term) => sum + term.weight, 0);
  const context = withCompounds(tokenizeWords([passage.title, ...passage.sectionPath].join(' ')));
  const units = splitPassageUnits(passage.text).map((unit) => {
    // Text addressed to an AI assistant is never evidence of an answer, whatever words it repeats.
    if (isAimedAtAssistant(unit.text)) return { ...unit, coverage: 0, ownCoverage: 0, termsFound: 0 };
    // A checklist entry ("Aspirin") is what it is because of its list's heading ("Medicine Kit Supplies").
    const own = withCompounds(tokenizeWords(unit.kind === 'item' ? `${unit.headings.at(-1) ?? ''} ${unit.text}` : unit.text));
    const words = [...own, ...tokenizeWords(unit.headings.join(' ')), ...context];
    const share = (found: string[]) => (total > 0 ? terms.reduce((sum, term) => sum + (containsTerm(found, term) ? term.weight : 0), 0) / total : 0);
    return { ...unit, coverage: share(words), ownCoverage: share(own), termsFound: terms.filter((term) => containsTerm(words, term)).length };
  });
  const best = units.reduce<ScoredUnit | undefined>((top, unit) => (!top || unit.coverage > top.coverage ? unit : top), undefined);
  return {
    coverage: best?.coverage ?? 0,
    termsFound: best?.termsFound ?? 0,
    similarity: cosine(embedText(question), embedText([passage.title, passage.sectionPath.join(' > '), passage.text].filter(Boolean).join('\n'))),
    units,
  };
}

/** True when any word of the text is the term or one of its alternatives. */
export function containsTerm(words: readonly string[], term: Pick<QuestionTerm, 'alternatives'>): boolean {
  return term.alternatives.some((alternative) => words.some((word) => sameWord(word, alternative)));
}

/** Adjacent words also as one ("flood waters" -> "floodwaters"), so compounds match either spelling. */
function withCompounds(words: string[]): string[] {
  return [...words, ...words.slice(1).map((word, index) => words[index] + word)];
}

function cosine(left: number[], right: number[]): number {
  let sum = 0;
  for (let i = 0; i < left.length; i++) sum += left[i]! * right[i]!;
  return sum;
}
