/** Wrong codes one client may try in a window before it must wait. */
const MAX_WRONG_CODES = 10;
const WINDOW_MS = 10 * 60_000;
/** Bounds the map if many addresses try: the oldest entries go first. */
const MAX_TRACKED_CLIENTS = 10_000;

/**
 * Counts wrong access codes per client address, so a code cannot be guessed by trying many. In memory:
 * a restart forgets, which only matters for someone trying thousands of codes.
 */
export function createAccessAttempts(now: () => number = Date.now) {
  const wrong = new Map<string, number[]>();
  const recent = (client: string) => (wrong.get(client) ?? []).filter((at) => now() - at < WINDOW_MS);
  return {
    /** Seconds until this client may try again, or 0. */
    waitSeconds(client: string): number {
      const attempts = recent(client);
      if (attempts.length < MAX_WRONG_CODES) return 0;
      return Math.ceil((attempts[0]! + WINDOW_MS - now()) / 1000);
    },
    recordWrong(client: string): void {
      const attempts = recent(client);
      attempts.push(now());
      wrong.delete(client);
      wrong.set(client, attempts);
      if (wrong.size > MAX_TRACKED_CLIENTS) wrong.delete(wrong.keys().next().value!);
    },
  };
}

export type AccessAttempts = ReturnType<typeof createAccessAttempts>;
