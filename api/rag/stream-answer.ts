import type { AnswerStreamEvent, AskInput } from './answer-types.ts';
import { NO_ANSWER_MARKER } from './llm/answer-prompt.ts';
import { readModelAnswer } from './llm/read-model-answer.ts';
import { streamAnswerChain } from './llm/run-answer-chain.ts';
import { logQuestion } from './log-question.ts';
import { answerTimings, extractiveResult, nothingFound, prepareAnswer, type PreparedAnswer } from './prepare-answer.ts';
import type { RagServices } from './rag-services.ts';

/**
 * Use when the caller shows the answer while it is written (SSE): `sources` first, then `token`s, and
 * one final `done` with the same result answerQuestion returns. If the model dies midway, a `restart`
 * event tells the client to drop the partial text, and the extractive answer follows.
 */
export async function* streamAnswer(services: RagServices, input: AskInput): AsyncGenerator<AnswerStreamEvent> {
  const started = performance.now();
  const prepared = await prepareAnswer(services, input);
  yield { type: 'sources', citations: prepared.citations };
  const generationStarted = performance.now();
  let outcome = nothingFound(prepared);
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

/** Streams the model's tokens (hiding the no-answer marker); null when no model produced an answer. */
async function* streamFromModels(services: RagServices, prepared: PreparedAnswer) {
  if (services.chatProviders.length === 0) return null;
  let raw = '';
  let sent = 0;
  let provider = '';
  try {
    for await (const piece of streamAnswerChain(services.chatProviders, prepared.messages)) {
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
    services.logger.warn({ err: error, partialChars: raw.length }, 'answer stream failed; answering with quotes');
    if (sent > 0) yield { type: 'restart' as const, reason: 'The language model stopped in the middle of the answer.' };
    return null;
  }
  const { answer, answered } = readModelAnswer(raw);
  if (!answer) return null;
  // Everything shown so far is the answer; if nothing was shown (a very short reply), show it now.
  if (sent === 0) yield { type: 'token' as const, text: answer };
  return { answer, answered, provider, citations: prepared.citations };
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
