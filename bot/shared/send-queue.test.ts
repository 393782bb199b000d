import { describe, expect, it } from 'vitest';
import { ChatSendError } from './chat-adapter.ts';
import { createSendQueue } from './send-queue.ts';

/** A clock that only moves when the queue sleeps, so pacing is checked without waiting. */
function fakeClock() {
  let now = 0;
  const sleeps: number[] = [];
  return { now: () => now, sleep: async (ms: number) => void (sleeps.push(ms), (now += ms)), sleeps };
}
class TooMany extends Error {
  readonly retryAfterMs: number;
  constructor(retryAfterMs: number) {
    super('429');
    this.retryAfterMs = retryAfterMs;
  }
}
const retryAfterOf = (error: unknown) => (error instanceof TooMany ? error.retryAfterMs : null);

describe('createSendQueue', () => {
  it('sends a burst at once, then paces one chat at its rate', async () => {
    const clock = fakeClock();
    const queue = createSendQueue({ chatPace: () => ({ burst: 2, everyMs: 1000 }), retryAfterOf, ...clock });
    const times: number[] = [];
    await Promise.all(Array.from({ length: 4 }, () => queue.run('chat', false, async () => void times.push(clock.now()))));
    expect(times).toEqual([0, 0, 1000, 2000]);
  });

  it('waits out a 429 as long as the platform asks and sends the message once', async () => {
    const clock = fakeClock();
    const queue = createSendQueue({ chatPace: () => null, retryAfterOf, ...clock });
    let calls = 0;
    const result = await queue.run('chat', true, async () => {
      if (++calls === 1) throw new TooMany(3000);
      return 'sent';
    });
    expect(result).toBe('sent');
    expect(calls).toBe(2);
    expect(clock.sleeps).toEqual([3000]);
  });

  it('hands a long wait back to the caller instead of holding the chat', async () => {
    const clock = fakeClock();
    const queue = createSendQueue({ chatPace: () => null, retryAfterOf, maxWaitMs: 10_000, ...clock });
    const failure = await queue.run('chat', true, async () => Promise.reject(new TooMany(60_000))).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ChatSendError);
    expect(failure).toMatchObject({ permanent: false, retryAfterMs: 60_000 });
  });

  it('keeps the order of one chat and lets a failure pass without blocking the next message', async () => {
    const clock = fakeClock();
    const queue = createSendQueue({ chatPace: () => null, retryAfterOf, ...clock });
    const order: string[] = [];
    const first = queue.run('chat', false, async () => Promise.reject(new Error('down')));
    const second = queue.run('chat', false, async () => void order.push('second'));
    await expect(first).rejects.toThrow('down');
    await second;
    expect(order).toEqual(['second']);
  });
});
