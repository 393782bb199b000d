import type { BaseMessage } from '@langchain/core/messages';
import type { AnswerResult, AskInput, Citation } from './answer-types.ts';
import { buildCitations, buildPromptSources, sourceLabel } from './build-citations.ts';
import { buildAnswerMessages } from './llm/answer-prompt.ts';
import { buildExtractiveAnswer } from './llm/extractive-answer.ts';
import { ProviderName } from './llm/chat-providers.ts';
import type { RagServices } from './rag-services.ts';
import { retrieveChunks, type RetrievalResult } from './retrieval/retrieve-chunks.ts';
import { invalidInput } from '../errors/app-error.ts';

/** Passages shown to the model: enough to cover a multi-part answer, few enough for a small local model. */
export const PROMPT_PASSAGES = 4;
const MAX_QUESTION_CHARS = 2_000;

export const NOTHING_FOUND_ANSWER =
  "I could not find anything about this in the hub's documents. A moderator can add a document or a FAQ answer for it.";

export interface PreparedAnswer {
  retrieval: RetrievalResult;
  citations: Citation[];
  messages: BaseMessage[];
  retrievalMs: number;
  /** The answer without any LLM: quotes of the best passages (also the last fallback). */
  extractive(): { answer: string; answered: boolean };
}

/** Use first in every answer path: retrieves passages and prepares prompt, citations and the extractive fallback. */
export async function prepareAnswer(services: RagServices, input: AskInput): Promise<PreparedAnswer> {
  const question = input.question.trim();
  if (!question) throw invalidInput('Ask a question: the text is empty.');
  if (question.length > MAX_QUESTION_CHARS) throw invalidInput(`Keep questions under ${MAX_QUESTION_CHARS} characters.`);
  const started = performance.now();
  const retrieval = await retrieveChunks(services, { question, communityId: input.communityId ?? null, k: PROMPT_PASSAGES });
  const retrievalMs = Math.round(performance.now() - started);
  const citations = buildCitations(retrieval.chunks);
  return {
    retrieval,
    citations,
    retrievalMs,
    messages: buildAnswerMessages(question, buildPromptSources(retrieval.chunks)),
    extractive: () =>
      buildExtractiveAnswer(
        [question, ...retrieval.expansions],
        retrieval.chunks.map((chunk, index) => ({ number: index + 1, label: sourceLabel(chunk), text: chunk.text })),
      ),
  };
}

/** The result when retrieval found nothing at all: no model is asked to make something up. */
export function nothingFound(prepared: PreparedAnswer): Omit<AnswerResult, 'questionId' | 'timings'> | null {
  if (prepared.retrieval.chunks.length > 0) return null;
  return { answer: NOTHING_FOUND_ANSWER, answered: false, provider: 'none', citations: [] };
}

/** The result from the extractive tier, labelled as such. */
export function extractiveResult(prepared: PreparedAnswer): Omit<AnswerResult, 'questionId' | 'timings'> {
  const { answer, answered } = prepared.extractive();
  return { answer, answered, provider: ProviderName.extractive, citations: prepared.citations };
}

/** Timings of one answer, with the retrieval details. */
export function answerTimings(prepared: PreparedAnswer, generationMs: number, started: number): Record<string, number> {
  return { ...prepared.retrieval.timings, retrievalMs: prepared.retrievalMs, generationMs, totalMs: Math.round(performance.now() - started) };
}
