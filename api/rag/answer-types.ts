import type { LoggedCitation } from '../db/schema/questions.ts';

/** A passage an answer relies on; `[n]` in the answer refers to `citations[n - 1]`. */
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
  /** groq, ollama, extractive (quotes, no LLM) or none (nothing relevant was found). */
  provider: string;
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
