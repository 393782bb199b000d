import { questionLog } from '../db/schema/index.ts';
import type { AnswerResult, AskInput } from './answer-types.ts';
import type { RagServices } from './rag-services.ts';

/**
 * Use after every answer: stores question, answer, provider, citations and timings. A logging failure
 * is reported in the server log and never costs the person their answer.
 */
export async function logQuestion(services: RagServices, input: AskInput, result: Omit<AnswerResult, 'questionId'>): Promise<string | null> {
  try {
    const [row] = await services.db
      .insert(questionLog)
      .values({
        communityId: input.communityId ?? null,
        channel: input.channel,
        chatId: input.chatId ?? null,
        askerId: input.askerId ?? null,
        question: input.question,
        answer: result.answer,
        answered: result.answered,
        citations: result.citations,
        provider: result.provider,
        timings: result.timings,
      })
      .returning({ id: questionLog.id });
    return row?.id ?? null;
  } catch (error) {
    services.logger.error({ err: error }, 'could not log the question');
    return null;
  }
}
