import { describe, expect, it } from 'vitest';
import { createSlots } from './conversion-slots.ts';

describe('createSlots', () => {
  it('lets at most `size` holders run and hands a freed slot to the next waiter', async () => {
    const slots = createSlots(2);
    const first = await slots.acquire();
    await slots.acquire();
    let thirdStarted = false;
    const third = slots.acquire().then((release) => {
      thirdStarted = true;
      return release;
    });
    await Promise.resolve();
    expect(thirdStarted).toBe(false);
    first();
    (await third)();
    expect(thirdStarted).toBe(true);
  });

  it('gives up waiting when the caller aborts', async () => {
    const slots = createSlots(1);
    await slots.acquire();
    const controller = new AbortController();
    const waiting = slots.acquire(controller.signal);
    controller.abort(new Error('cancelled'));
    await expect(waiting).rejects.toThrow('cancelled');
  });
});
