import { ChatSendError } from './chat-adapter.ts';

/** A token bucket: `burst` messages at once, then one every `everyMs`. */
export interface Pace {
  burst: number;
  everyMs: number;
}

export interface SendQueueOptions {
  /** Pace of one chat (Telegram: 1 a second in a private chat, 20 a minute in a group). */
  chatPace(isGroup: boolean): Pace | null;
  /** Pace of the whole bot (Telegram: 30 a second), or null. */
  globalPace?: Pace | null;
  /** How long a platform's "too many requests" error asks to wait, or null for any other error. */
  retryAfterOf(error: unknown): number | null;
  /** A 429 asking for longer than this is not waited out here: the caller reschedules (the outbox does). */
  maxWaitMs?: number;
  /** 429s in a row before giving up on one message. */
  maxRateLimitRetries?: number;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

export interface SendQueue {
  /**
   * Runs `send` for `chatKey` when that chat's pace (and the bot's) allows, after what was queued for
   * the same chat before it; a 429 is waited out as the platform asks and the send retried. Throws a
   * ChatSendError with `retryAfterMs` when the platform asks for a longer wait than `maxWaitMs`.
   */
  run<T>(chatKey: string, isGroup: boolean, send: () => Promise<T>): Promise<T>;
}

const DEFAULT_MAX_WAIT_MS = 60_000;
const DEFAULT_RATE_LIMIT_RETRIES = 5;

/** Use once per platform connection: every message the bot sends there goes through it, replies and updates alike. */
export function createSendQueue(options: SendQueueOptions): SendQueue {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref?.()));
  const tails = new Map<string, Promise<unknown>>();
  const buckets = new Map<string, { tokens: number; at: number }>();
  const maxWait = options.maxWaitMs ?? DEFAULT_MAX_WAIT_MS;
  const maxRetries = options.maxRateLimitRetries ?? DEFAULT_RATE_LIMIT_RETRIES;

  /** Waits for a token of `key`'s bucket and takes it. */
  async function takeToken(key: string, pace: Pace): Promise<void> {
    for (;;) {
      const time = now();
      const bucket = buckets.get(key) ?? { tokens: pace.burst, at: time };
      bucket.tokens = Math.min(pace.burst, bucket.tokens + (time - bucket.at) / pace.everyMs);
      bucket.at = time;
      buckets.set(key, bucket);
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return;
      }
      await sleep(Math.ceil((1 - bucket.tokens) * pace.everyMs));
    }
  }

  async function attempt<T>(chatKey: string, isGroup: boolean, send: () => Promise<T>): Promise<T> {
    for (let retries = 0; ; retries++) {
      const pace = options.chatPace(isGroup);
      if (pace) await takeToken(`chat:${chatKey}`, pace);
      if (options.globalPace) await takeToken('global', options.globalPace);
      try {
        return await send();
      } catch (error) {
        const retryAfterMs = options.retryAfterOf(error);
        if (retryAfterMs === null) throw error;
        if (retryAfterMs > maxWait || retries >= maxRetries) {
          throw new ChatSendError(`rate limited; the platform asks to wait ${Math.ceil(retryAfterMs / 1000)} s`, { permanent: false, retryAfterMs, cause: error });
        }
        // What is queued behind this message for the same chat waits too (the queue is per chat).
        await sleep(retryAfterMs);
      }
    }
  }

  return {
    run(chatKey, isGroup, send) {
      const previous = tails.get(chatKey) ?? Promise.resolve();
      const result = previous.catch(() => {}).then(() => attempt(chatKey, isGroup, send));
      const tail = result.catch(() => {});
      tails.set(chatKey, tail);
      void tail.then(() => {
        if (tails.get(chatKey) === tail) tails.delete(chatKey);
      });
      return result;
    },
  };
}
