import { handleChatMessage } from '../../../api/chat/handle-chat-message.ts';
import { recordAnswerFeedback } from '../../../api/chat/record-answer-feedback.ts';
import type { HubCore } from '../../../api/core/hub-core.ts';
import { deliverCommunityUpdates, type ChatDelivery } from '../../../bot/deliver-community-updates.ts';
import { startChatAdapters, type ChatAdapters } from '../../../bot/start-chat-adapters.ts';
import { startWorkers } from '../../../workers/start-workers.ts';
import { startFakeGroq, type FakeChatServer } from '../fake-groq-server.ts';
import { createTestCore } from '../../support/test-core.ts';

/** Questions containing this word get an answer long enough to be split into several messages. */
export const LONG_ANSWER_TRIGGER = 'exhaustively';

export interface ChatHub {
  core: HubCore;
  chat: ChatAdapters;
  delivery: ChatDelivery;
  llm: FakeChatServer;
  close(): Promise<void>;
}

/**
 * The whole hub as `hub start` wires it for chat, on a test database: the real core (retrieval,
 * answering through a protocol-level fake Groq, the job queue and document workers), the chat
 * adapters for the platforms `env` configures, and the outgoing-message sender.
 */
export async function startChatHub(env: Record<string, string>): Promise<ChatHub> {
  const llm = await startFakeGroq({ answer: librarianAnswer, slowStreamDelayMs: 0 });
  const core = await createTestCore({ GROQ_API_KEY: 'gsk_fake', GROQ_BASE_URL: llm.url, LLM_PROVIDER: 'groq', ...env });
  await startWorkers(core);
  const chat = await startChatAdapters({
    config: core.config,
    logger: core.logger,
    handle: (message) => handleChatMessage(core, message),
    vote: async (vote) => (await recordAnswerFeedback(core.db, vote)).recorded,
    retry: { firstRetryMs: 500, maxRetryMs: 1_000 },
  });
  const delivery = await deliverCommunityUpdates(core, chat, { pollMs: 300 });
  return {
    core,
    chat,
    delivery,
    llm,
    async close() {
      await delivery.stop();
      await chat.stop();
      await core.close();
      await llm.close();
    },
  };
}

/**
 * A model that answers from the first source it is given, quoting it with a citation, as a real one
 * would; asked for "everything", it writes a long answer full of quotes and citations.
 */
export function librarianAnswer(messages: { role: string; content: string }[]): string {
  const prompt = messages.map((m) => m.content).join('\n');
  const source = /<source [^>]*>\n([\s\S]*?)\n<\/source>/.exec(prompt)?.[1]?.replace(/\s+/g, ' ').trim() ?? '';
  if (!prompt.toLowerCase().includes(LONG_ANSWER_TRIGGER)) return `The documents say [1]:\n> ${source.slice(0, 300)}`;
  return Array.from({ length: 40 }, (_, i) => `Step ${i + 1} comes from the guide [1] and the notice [2]:\n> ${'Fill clean containers with water and label each one with the date it was filled. '.repeat(2)}\n> Store them somewhere cool and dark [${(i % 2) + 1}].`).join('\n\n');
}
