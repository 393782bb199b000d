import type { ChatReply, IncomingChatMessage } from '#api/chat/chat-message.ts';
import type { ReplyBlock } from './render-reply.ts';

export type ChatPlatform = IncomingChatMessage['platform'];

/** The core's entry point as adapters see it (the lead wires `(m) => handleChatMessage(core, m)`). */
export type HandleChatMessage = (message: IncomingChatMessage) => Promise<ChatReply>;

/** One platform connection that is up and listening. */
export interface RunningChatAdapter {
  readonly platform: ChatPlatform;
  /** Who the bot is on the platform (`@hub_bot`), for logs. */
  readonly identity: string;
  /** Posts a message the core initiated (a community update) to a chat the bot is in. */
  post(chatId: string, blocks: ReplyBlock[]): Promise<void>;
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
