import { answerQuestion } from '../../api/rag/answer-question.ts';
import type { RagServices } from '../../api/rag/rag-services.ts';
import type { EvalQuestion } from './eval-questions.ts';

/** What the answers (no LLM: quotes or "not covered") did on one group of questions. */
export interface AnswerGroupReport {
  group: string;
  questions: number;
  /** Share answered (answerable groups: 1 - false abstention; unanswerable groups: 1 - abstention). */
  answered: number;
  /** Share whose answer text contains an expected key phrase (answerable questions with keys; abstentions count as misses). */
  keyPhrase: number | null;
  /** Share whose citations include a right document. */
  cited: number | null;
  misses: { q: string; what: string }[];
}

/** Apostrophes and spaces as people type them, so "don't" in a key matches "don’t" in a PDF. */
const plain = (text: string) => text.toLowerCase().replace(/[’‘]/g, "'").replace(/\s+/g, ' ');

/** Use to score answers (abstention, key phrase, citations) per group: answerable, chat-style, far and near unanswerable. */
export async function runAnswerEval(services: RagServices, questions: EvalQuestion[]): Promise<AnswerGroupReport[]> {
  const outcomes: { question: EvalQuestion; answered: boolean; key: boolean | null; cited: boolean | null; relevance: number }[] = [];
  for (const question of questions) {
    const result = await answerQuestion(services, { question: question.q, channel: 'eval' });
    const text = plain(result.answer);
    outcomes.push({
      question,
      answered: result.answered,
      key: question.keys.length > 0 ? result.answered && question.keys.some((key) => text.includes(plain(key))) : null,
      cited: question.docs.length > 0 ? result.citations.some((c) => question.docs.includes(c.filename)) : null,
      relevance: result.relevance ?? 0,
    });
  }
  const groups: [string, (q: EvalQuestion) => boolean][] = [
    ['answerable', (q) => q.docs.length > 0],
    ['answerable, chat-style', (q) => q.docs.length > 0 && q.style === 'chat'],
    ['unanswerable', (q) => q.docs.length === 0],
    ['unanswerable, far', (q) => q.unanswerable === 'far'],
    ['unanswerable, near miss', (q) => q.unanswerable === 'near'],
  ];
  return groups.flatMap(([group, belongs]) => {
    const members = outcomes.filter((o) => belongs(o.question));
    if (members.length === 0) return [];
    const share = (values: (boolean | null)[]) => {
      const known = values.filter((v) => v !== null);
      return known.length > 0 ? known.filter(Boolean).length / known.length : null;
    };
    const misses = members.flatMap((o) => {
      if (o.question.docs.length === 0) return o.answered ? [{ q: o.question.q, what: `answered (relevance ${o.relevance})` }] : [];
      if (!o.answered) return [{ q: o.question.q, what: `abstained (relevance ${o.relevance})` }];
      return o.key === false ? [{ q: o.question.q, what: 'key phrase missing' }] : [];
    });
    return [{
      group,
      questions: members.length,
      answered: members.filter((o) => o.answered).length / members.length,
      keyPhrase: share(members.map((o) => o.key)),
      cited: share(members.map((o) => o.cited)),
      misses,
    }];
  });
}
