import { describe, expect, it } from 'vitest';
import { createRateLimiter } from './rate-limiter.ts';

describe('createRateLimiter', () => {
  it('allows a burst of a sixth of the hourly allowance, then refuses with the wait until the next unit', () => {
    let time = 0;
    const limiter = createRateLimiter(() => time);
    const decisions = Array.from({ length: 6 }, () => limiter.take('telegram:42', 30));
    expect(decisions.slice(0, 5)).toEqual(Array(5).fill({ allowed: true }));
    // 30 an hour: one unit every 2 minutes.
    expect(decisions[5]).toEqual({ allowed: false, retryAfterMs: 120_000, firstRefusal: true });
    time += 60_000;
    expect(limiter.take('telegram:42', 30)).toEqual({ allowed: false, retryAfterMs: 60_000, firstRefusal: false });
    time += 60_000;
    expect(limiter.take('telegram:42', 30)).toEqual({ allowed: true });
  });

  it('keeps people apart, and says "first refusal" again after a new streak begins', () => {
    let time = 0;
    const limiter = createRateLimiter(() => time);
    expect(limiter.take('a', 6)).toEqual({ allowed: true });
    expect(limiter.take('a', 6)).toMatchObject({ allowed: false, firstRefusal: true });
    expect(limiter.take('b', 6)).toEqual({ allowed: true });
    time += 600_000;
    expect(limiter.take('a', 6)).toEqual({ allowed: true });
    expect(limiter.take('a', 6)).toMatchObject({ allowed: false, firstRefusal: true });
  });
});
