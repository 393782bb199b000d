import type { AnswerResult, AskInput } from './answer-types.ts';
import { invokeAnswerChain } from './llm/run-answer-chain.ts';
import { readModelAnswer } from './llm/read-model-answer.ts';
import { logQuestion } from './log-question.ts';
import { answerTimings, extractiveResult, nothingFound, prepareAnswer } from './prepare-answer.ts';
import type { RagServices } from './rag-services.ts';

export type { AnswerResult, AskInput } from './answer-types.ts';

/**
 * Use to answer one question (API, CLI, chat adapters): hybrid retrieval, then the LLM fallback chain,
 * then an extractive answer quoting the passages when no model answers. Always logs to question_log.
 */
export async function answerQuestion(services: RagServices, input: AskInput): Promise<AnswerResult> {
  const started = performance.now();
  const prepared = await prepareAnswer(services, input);
  const generationStarted = performance.now();
  const outcome = nothingFound(prepared) ?? (await generate(services, prepared));
  const timings = answerTimings(prepared, Math.round(performance.now() - generationStarted), started);
  const result = { ...outcome, timings };
  const questionId = await logQuestion(services, input, result);
  return { ...result, questionId };
}

async function generate(services: RagServices, prepared: Awaited<ReturnType<typeof prepareAnswer>>) {
  if (services.chatProviders.length === 0) return extractiveResult(prepared);
  try {
    const { text, provider } = await invokeAnswerChain(services.chatProviders, prepared.messages);
    const { answer, answered } = readModelAnswer(text);
    if (!answer) throw new Error(`${provider} returned an empty answer`);
    return { answer, answered, provider, citations: prepared.citations };
  } catch (error) {
    services.logger.warn({ err: error }, 'every LLM provider failed; answering with quotes');
    return extractiveResult(prepared);
  }
}
