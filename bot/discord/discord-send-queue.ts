import { DiscordAPIError, RateLimitError } from 'discord.js';
import { ChatSendError } from '../shared/chat-adapter.ts';
import { createSendQueue, type SendQueue } from '../shared/send-queue.ts';

/** Discord error codes that mean the bot cannot write there any more: unknown channel, no access, no permission, DMs closed. */
const PERMANENT_CODES = new Set([10003, 50001, 50013, 50007]);

/**
 * Every message to Discord goes through this. discord.js already keeps to Discord's per-route buckets
 * and waits out a 429's `retry_after` itself; a rate-limit error that still reaches here (a long
 * global limit) is waited out or handed back with the time Discord asked for.
 */
export function createDiscordSendQueue(options: { maxWaitMs?: number } = {}): SendQueue {
  return createSendQueue({ chatPace: () => null, retryAfterOf: discordRetryAfterMs, maxWaitMs: options.maxWaitMs });
}

function discordRetryAfterMs(error: unknown): number | null {
  if (error instanceof RateLimitError) return error.retryAfter;
  if (error instanceof DiscordAPIError && error.status === 429) {
    const seconds = (error.rawError as { retry_after?: number }).retry_after;
    return Math.ceil((seconds ?? 1) * 1000);
  }
  return null;
}

export function toDiscordSendError(error: unknown): ChatSendError {
  if (error instanceof ChatSendError) return error;
  if (error instanceof DiscordAPIError) {
    return new ChatSendError(`Discord answered ${error.status} (${error.code}) ${error.message}`, { permanent: PERMANENT_CODES.has(Number(error.code)) || error.status === 404, cause: error });
  }
  return new ChatSendError(`could not send to Discord (${error instanceof Error ? error.message : String(error)})`, { permanent: false, cause: error });
}
