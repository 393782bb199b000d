import type { AnswerStreamEvent, AskInput } from './answer-types.ts';
import { NO_ANSWER_MARKER } from './llm/answer-prompt.ts';
import { readModelAnswer } from './llm/read-model-answer.ts';
import { streamAnswerChain } from './llm/run-answer-chain.ts';
import { logQuestion } from './log-question.ts';
import { answerTimings, extractiveResult, notCovered, prepareAnswer, type PreparedAnswer } from './prepare-answer.ts';
import type { RagServices } from './rag-services.ts';

/**
 * Use when the caller shows the answer while it is written (SSE): `sources` first, then `token`s, and
 * one final `done` with the same result answerQuestion returns. If a model dies midway, a `restart`
 * event tells the client to drop the partial text; the next model answers, or else the extractive answer.
 */
export async function* streamAnswer(services: RagServices, input: AskInput): AsyncGenerator<AnswerStreamEvent> {
  const started = performance.now();
  const prepared = await prepareAnswer(services, input);
  yield { type: 'sources', citations: prepared.citations };
  const generationStarted = performance.now();
  let outcome = notCovered(prepared);
  if (outcome) {
    yield { type: 'token', text: outcome.answer };
  } else {
    const streamed = yield* streamFromModels(services, prepared);
    outcome = streamed ?? extractiveResult(prepared);
    if (!streamed) yield { type: 'token', text: outcome.answer };
  }
  const result = { ...outcome, timings: answerTimings(prepared, Math.round(performance.now() - generationStarted), started) };
  const questionId = await logQuestion(services, input, result);
  yield { type: 'done', result: { ...result, questionId } };
}

type StreamAttempt =
  | { kind: 'answered'; result: { answer: string; answered: boolean; provider: string; citations: PreparedAnswer['citations']; relevance: number } }
  | { kind: 'empty' }
  /** `provider` died after it had started answering ('' when every provider failed before a token). */
  | { kind: 'died'; provider: string };

/**
 * Streams the first model that answers; null when none produced an answer. A model that dies midway
 * is left out and the chain starts again with the providers after it (a `restart` event first, when
 * text was shown), so an answer written by the next model beats quoting passages.
 */
async function* streamFromModels(services: RagServices, prepared: PreparedAnswer) {
  let providers = services.chatProviders;
  while (providers.length > 0) {
    const attempt: StreamAttempt = yield* streamFromChain(services, prepared, providers);
    if (attempt.kind === 'answered') return attempt.result;
    if (attempt.kind === 'empty') return null;
    const failed = providers.findIndex((p) => p.name === attempt.provider);
    providers = failed >= 0 ? providers.slice(failed + 1) : [];
  }
  return null;
}

/** One pass through the fallback chain, which can switch provider only before the first token. */
async function* streamFromChain(services: RagServices, prepared: PreparedAnswer, providers: RagServices['chatProviders']) {
  let raw = '';
  let sent = 0;
  let provider = '';
  try {
    for await (const piece of streamAnswerChain(providers, prepared.messages)) {
      raw += piece.text;
      provider = piece.provider;
      // Hold back the first characters until it is clear whether they are the no-answer marker.
      const visible = visibleText(raw);
      if (visible !== null && visible.length > sent) {
        yield { type: 'token' as const, text: visible.slice(sent) };
        sent = visible.length;
      }
    }
  } catch (error) {
    const next = raw.length > 0 ? 'trying the next model' : 'answering with quotes';
    services.logger.warn({ err: error, provider, partialChars: raw.length }, `answer stream failed; ${next}`);
    if (sent > 0) yield { type: 'restart' as const, reason: 'The language model stopped in the middle of the answer.' };
    return { kind: 'died', provider: raw.length > 0 ? provider : '' } satisfies StreamAttempt;
  }
  const { answer, answered } = readModelAnswer(raw);
  if (!answer) return { kind: 'empty' } satisfies StreamAttempt;
  // Everything shown so far is the answer; if nothing was shown (a very short reply), show it now.
  if (sent === 0) yield { type: 'token' as const, text: answer };
  const result = { answer, answered, provider, citations: answered ? prepared.citations : [], relevance: prepared.assessment.relevance };
  return { kind: 'answered', result } satisfies StreamAttempt;
}

/** The text safe to show so far: null while it could still turn out to be the no-answer marker. */
function visibleText(raw: string): string | null {
  const trimmed = raw.trimStart();
  if (trimmed.length < NO_ANSWER_MARKER.length && NO_ANSWER_MARKER.startsWith(trimmed)) return null;
  if (trimmed.startsWith(NO_ANSWER_MARKER)) {
    const afterMarker = trimmed.slice(NO_ANSWER_MARKER.length).replace(/^[:\-–\s]+/, '');
    return afterMarker.length > 0 ? afterMarker : null;
  }
  return trimmed;
}
