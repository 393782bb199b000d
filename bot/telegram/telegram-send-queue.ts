import { GrammyError } from 'grammy';
import { ChatSendError } from '../shared/chat-adapter.ts';
import { createSendQueue, type SendQueue } from '../shared/send-queue.ts';

/** Telegram's documented limits: about one message a second per chat, 20 a minute per group, 30 a second overall. */
const PRIVATE_PACE = { burst: 3, everyMs: 1_000 };
const GROUP_PACE = { burst: 3, everyMs: 3_000 };
const GLOBAL_PACE = { burst: 30, everyMs: 34 };

/** Every message to Telegram goes through this: paced per chat and overall, 429s waited out as `retry_after` asks. */
export function createTelegramSendQueue(options: { maxWaitMs?: number } = {}): SendQueue {
  return createSendQueue({
    chatPace: (isGroup) => (isGroup ? GROUP_PACE : PRIVATE_PACE),
    globalPace: GLOBAL_PACE,
    retryAfterOf: (error) => (error instanceof GrammyError && error.error_code === 429 ? (error.parameters.retry_after ?? 1) * 1000 : null),
    maxWaitMs: options.maxWaitMs,
  });
}

/** Group and channel ids are negative in the Bot API. */
export function isTelegramGroup(chatId: string | number): boolean {
  return String(chatId).startsWith('-');
}

/** Blocked by the person, removed from the group, or a chat that is gone: retrying cannot help. */
export function toTelegramSendError(error: unknown): ChatSendError {
  if (error instanceof ChatSendError) return error;
  if (error instanceof GrammyError) {
    const permanent = error.error_code === 403 || (error.error_code === 400 && /chat not found|group chat was upgraded|not enough rights/i.test(error.description));
    return new ChatSendError(`Telegram answered ${error.error_code} ${error.description}`, { permanent, cause: error });
  }
  return new ChatSendError(`could not reach Telegram (${error instanceof Error ? error.message : String(error)})`, { permanent: false, cause: error });
}
