/** LibreOffice takes ~220 MB and a core per conversion: two at a time suit a 2-core machine. */
export const MAX_CONCURRENT_CONVERSIONS = 2;

/** A counting semaphore: `acquire` resolves with the function that gives the slot back. */
export interface Slots {
  acquire(signal?: AbortSignal): Promise<() => void>;
}

/** Bounds how many jobs of one kind run at once within this process. */
export function createSlots(size: number): Slots {
  let free = size;
  const waiting: Array<() => void> = [];
  const release = () => {
    const next = waiting.shift();
    if (next) next();
    else free += 1;
  };
  return {
    acquire(signal) {
      signal?.throwIfAborted();
      if (free > 0) {
        free -= 1;
        return Promise.resolve(release);
      }
      return new Promise((resolve, reject) => {
        const grant = () => {
          signal?.removeEventListener('abort', onAbort);
          resolve(release);
        };
        const onAbort = () => {
          waiting.splice(waiting.indexOf(grant), 1);
          reject(signal?.reason);
        };
        signal?.addEventListener('abort', onAbort, { once: true });
        waiting.push(grant);
      });
    },
  };
}
