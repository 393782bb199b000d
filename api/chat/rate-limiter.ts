/** A bucket holds this share of the hourly allowance, so a burst is at most ten minutes' worth. */
const BURST_SHARE_OF_HOUR = 1 / 6;
const HOUR_MS = 3_600_000;
/** Past this many keys, full buckets (people who are within their allowance) are forgotten. */
const PRUNE_ABOVE_KEYS = 10_000;

export type RateDecision = { allowed: true } | { allowed: false; retryAfterMs: number; firstRefusal: boolean };

export interface RateLimiter {
  /** Takes one unit of `perHour` for `key`, or says how long until one is free. */
  take(key: string, perHour: number): RateDecision;
}

/**
 * Token buckets in memory, one per key (`telegram:42`, `chat:telegram:-100`): `perHour` units an hour,
 * at most a sixth of that at once. `firstRefusal` is true once per refusal streak, so the bot says
 * "try again in N minutes" once and then stays quiet instead of answering every message in a group.
 */
export function createRateLimiter(now: () => number = Date.now): RateLimiter {
  const buckets = new Map<string, { tokens: number; at: number; refusing: boolean }>();
  return {
    take(key, perHour) {
      const capacity = Math.max(1, Math.ceil(perHour * BURST_SHARE_OF_HOUR));
      const ratePerMs = perHour / HOUR_MS;
      const time = now();
      const bucket = buckets.get(key) ?? { tokens: capacity, at: time, refusing: false };
      bucket.tokens = Math.min(capacity, bucket.tokens + (time - bucket.at) * ratePerMs);
      bucket.at = time;
      buckets.set(key, bucket);
      if (buckets.size > PRUNE_ABOVE_KEYS) prune(buckets, capacity, time, ratePerMs);
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        bucket.refusing = false;
        return { allowed: true };
      }
      const firstRefusal = !bucket.refusing;
      bucket.refusing = true;
      return { allowed: false, retryAfterMs: Math.ceil((1 - bucket.tokens) / ratePerMs), firstRefusal };
    },
  };
}

function prune(buckets: Map<string, { tokens: number; at: number }>, capacity: number, time: number, ratePerMs: number): void {
  for (const [key, bucket] of buckets) {
    if (bucket.tokens + (time - bucket.at) * ratePerMs >= capacity) buckets.delete(key);
  }
}
