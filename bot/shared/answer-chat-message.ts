import type { ChatReply, IncomingChatMessage } from '#api/chat/chat-message.ts';
import type { Logger } from '#api/logging/create-logger.ts';
import type { HandleChatMessage } from './chat-adapter.ts';
import { renderReply, type RenderOptions, type ReplyBlock } from './render-reply.ts';
import { whileTyping, type TypingIndicator } from './while-typing.ts';

/** Said when the core itself throws (it should not); details go to the log, never to the chat. */
export const UNEXPECTED_FAILURE_TEXT = 'Something went wrong on my side and I could not answer. Please try again in a moment.';

/** What an adapter needs besides the text: the answer to attach 👍/👎 to. */
export interface ReplyExtras {
  /** question_log id of an answer; the adapter puts feedback buttons under its last message. */
  feedbackFor?: string;
}

export interface AnswerChatMessageDeps {
  handle: HandleChatMessage;
  logger: Logger;
  typing: TypingIndicator;
  render: RenderOptions;
  /** Sends the rendered reply in the platform's format, to the chat the message came from. */
  send(blocks: ReplyBlock[], extras: ReplyExtras): Promise<void>;
}

/**
 * The path every adapter shares once a message is addressed to the bot: ask the core with the typing
 * indicator on, render, send. Never throws: a failing core or platform is logged, and the person gets
 * a generic line when the core failed.
 */
export async function answerChatMessage(message: IncomingChatMessage, deps: AnswerChatMessageDeps): Promise<void> {
  const reply = await whileTyping(deps.typing, deps.logger, () => askCore(message, deps));
  const blocks = renderReply(reply, deps.render);
  if (!blocks) return;
  const feedbackFor = reply.kind === 'answer' && reply.answer.questionId ? reply.answer.questionId : undefined;
  try {
    await deps.send(blocks, feedbackFor ? { feedbackFor } : {});
  } catch (error) {
    deps.logger.error({ err: error }, 'could not send the reply to the chat');
  }
}

async function askCore(message: IncomingChatMessage, deps: AnswerChatMessageDeps): Promise<ChatReply> {
  try {
    return await deps.handle(message);
  } catch (error) {
    deps.logger.error({ err: error }, 'the core failed on a chat message');
    return { kind: 'problem', text: UNEXPECTED_FAILURE_TEXT };
  }
}
