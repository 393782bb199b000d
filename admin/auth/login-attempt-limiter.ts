/** Failed logins allowed per client address, and per account, within the window before further attempts are refused. */
export const MAX_FAILED_LOGINS = 10;
export const FAILED_LOGIN_WINDOW_MS = 15 * 60_000;
/** Addresses remembered at most; the oldest are forgotten first so a flood cannot grow memory. */
const MAX_TRACKED_CLIENTS = 10_000;

export interface LoginAttemptLimiter {
  /** False while this client has failed too often recently (the password is then not even checked). */
  allows(client: string): boolean;
  recordFailure(client: string): void;
  recordSuccess(client: string): void;
}

/** Slows password guessing over the network: a 12-character minimum alone does not stop a script. */
export function createLoginAttemptLimiter(now: () => number = Date.now): LoginAttemptLimiter {
  const failures = new Map<string, { count: number; since: number }>();
  const current = (client: string) => {
    const entry = failures.get(client);
    if (entry && now() - entry.since > FAILED_LOGIN_WINDOW_MS) {
      failures.delete(client);
      return undefined;
    }
    return entry;
  };
  return {
    allows: (client) => (current(client)?.count ?? 0) < MAX_FAILED_LOGINS,
    recordFailure(client) {
      const entry = current(client) ?? { count: 0, since: now() };
      entry.count += 1;
      failures.delete(client);
      failures.set(client, entry);
      if (failures.size > MAX_TRACKED_CLIENTS) failures.delete(failures.keys().next().value!);
    },
    recordSuccess: (client) => void failures.delete(client),
  };
}
