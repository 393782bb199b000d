import type { ChatReply, FeedbackVote, IncomingChatMessage } from '#api/chat/chat-message.ts';
import type { ReplyBlock } from './reply-block.ts';

export type ChatPlatform = IncomingChatMessage['platform'];

/** The core's entry point as adapters see it (the lead wires `(m) => handleChatMessage(core, m)`). */
export type HandleChatMessage = (message: IncomingChatMessage) => Promise<ChatReply>;

/** Records a 👍/👎 (the core's recordAnswerFeedback); false when the answer is unknown. */
export type HandleFeedback = (vote: FeedbackVote) => Promise<boolean>;

/** One platform connection that is up and listening. */
export interface RunningChatAdapter {
  readonly platform: ChatPlatform;
  /** Who the bot is on the platform (`@hub_bot`), for logs. */
  readonly identity: string;
  /**
   * Posts a message the core initiated (a community update, a notice to an uploader) to a chat the
   * bot is in, through the platform's send queue. Rejects with a ChatSendError saying whether
   * trying again can help.
   */
  post(chatId: string, blocks: ReplyBlock[], options?: { idempotencyKey?: string }): Promise<void>;
  /** Disconnects, waits briefly for answers in progress, and releases every timer and socket. */
  stop(): Promise<void>;
}

/**
 * Why a platform could not start. `retryable` separates "the server was unreachable" (try again
 * later: this hub often boots before the internet is back) from "the server said no" (a bad token
 * stays bad until someone edits the configuration).
 */
export class ChatAdapterStartError extends Error {
  readonly retryable: boolean;

  constructor(message: string, options: { retryable: boolean; cause?: unknown }) {
    super(message, { cause: options.cause });
    this.name = 'ChatAdapterStartError';
    this.retryable = options.retryable;
  }
}

/**
 * Why a message could not be sent. `permanent`: the chat is gone or the bot was removed or blocked,
 * so retrying cannot help. `retryAfterMs`: the platform asked to wait that long.
 */
export class ChatSendError extends Error {
  readonly permanent: boolean;
  readonly retryAfterMs: number | undefined;

  constructor(message: string, options: { permanent: boolean; retryAfterMs?: number; cause?: unknown }) {
    super(message, { cause: options.cause });
    this.name = 'ChatSendError';
    this.permanent = options.permanent;
    this.retryAfterMs = options.retryAfterMs;
  }
}
