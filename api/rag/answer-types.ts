import type { LoggedCitation } from '../db/schema/questions.ts';

/**
 * A passage an answer relies on; `[n]` in the answer refers to `citations[n - 1]`. `score` is the
 * passage's absolute relevance (0-1), not its rank: a weak passage shows a low score.
 */
export type Citation = LoggedCitation;

/** Where a question came from (question_log.channel). */
export type QuestionChannel = 'api' | 'web' | 'cli' | 'telegram' | 'discord' | 'matrix' | 'admin' | 'eval';

export interface AskInput {
  question: string;
  /** The asker's community; null searches global documents only. */
  communityId?: string | null;
  channel: QuestionChannel;
  chatId?: string | null;
  askerId?: string | null;
}

/** The answer to one question, as POST /api/ask and `hub ask --json` return it. */
export interface AnswerResult {
  answer: string;
  /** False when the documents do not contain the answer (the text then says so plainly). */
  answered: boolean;
  /** groq, ollama, extractive (quotes, no LLM) or none (the documents do not cover the question). */
  provider: string;
  /**
   * How well the best passage matches the question, 0-1, on an absolute scale (question words found
   * together in one sentence, vector similarity, words no document uses). Below the hub's threshold
   * the answer is "not covered" and `answered` is false.
   */
  relevance?: number;
  citations: Citation[];
  /** Milliseconds per step: retrievalMs, generationMs, totalMs and retrieval details. */
  timings: Record<string, number>;
  /** question_log row id, null if logging failed. */
  questionId: string | null;
}

/** Events of a streamed answer (sent as SSE by the API). */
export type AnswerStreamEvent =
  | { type: 'sources'; citations: Citation[] }
  | { type: 'token'; text: string }
  /** The model died mid-answer: drop the text received so far, a replacement follows. */
  | { type: 'restart'; reason: string }
  | { type: 'done'; result: AnswerResult };
