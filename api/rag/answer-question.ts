import type { AnswerResult, AskInput } from './answer-types.ts';
import { invokeAnswerChain } from './llm/run-answer-chain.ts';
import { readModelAnswer } from './llm/read-model-answer.ts';
import { logQuestion } from './log-question.ts';
import { answerTimings, extractiveResult, notCovered, prepareAnswer } from './prepare-answer.ts';
import type { RagServices } from './rag-services.ts';

export type { AnswerResult, AskInput } from './answer-types.ts';

/**
 * Use to answer one question (API, CLI, chat adapters): hybrid retrieval and an absolute relevance
 * check (below it: "not covered", no model asked), then the LLM fallback chain, then an extractive
 * answer quoting the answering sentences when no model answers. Always logs to question_log, with
 * `answered: false` whenever the documents did not answer.
 */
export async function answerQuestion(services: RagServices, input: AskInput): Promise<AnswerResult> {
  const started = performance.now();
  const prepared = await prepareAnswer(services, input);
  const generationStarted = performance.now();
  const outcome = notCovered(prepared) ?? (await generate(services, prepared));
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
    // A model that found no answer in the passages cites none of them.
    return { answer, answered, provider, citations: answered ? prepared.citations : [], relevance: prepared.assessment.relevance };
  } catch (error) {
    services.logger.warn({ err: error }, 'every LLM provider failed; answering with quotes');
    return extractiveResult(prepared);
  }
}
