import type { StoredSyncStatus } from './sync-state.ts';

/** The first retry after a failed round; each further failure doubles it, up to the sync interval. */
const FIRST_RETRY_SECONDS = 30;
/** While catching up, the next round follows at once (almost). */
const RECOVERY_PAUSE_SECONDS = 5;

/** The server answered at the start of a round: leaving offline (or a first sync) means catching up. */
export function statusAtContact(previous: StoredSyncStatus, now: Date, serverUrl: string, serverInstanceId: string): StoredSyncStatus {
  const mode = previous.mode === 'normal' ? 'normal' : 'recovery';
  return { ...withMode(previous, mode, now), serverUrl, serverInstanceId, lastAttemptAt: now.toISOString() };
}

/** A round finished: normal once nothing waits in either direction, else still recovering. */
export function statusAfterSuccess(previous: StoredSyncStatus, now: Date, pending: { pull: number; push: number }): StoredSyncStatus {
  const drained = pending.pull === 0 && pending.push === 0;
  const mode = drained ? 'normal' : 'recovery';
  return { ...withMode(previous, mode, now), lastSuccessAt: now.toISOString(), lastAttemptAt: now.toISOString(), lastError: null, failures: 0, pendingPull: pending.pull };
}

/** A round failed: unreachable or refused, the instance is offline (it keeps serving from its own data). */
export function statusAfterFailure(previous: StoredSyncStatus, now: Date, serverUrl: string, error: string): StoredSyncStatus {
  return { ...withMode(previous, 'offline', now), serverUrl, lastAttemptAt: now.toISOString(), lastError: error, failures: previous.failures + 1 };
}

/**
 * Seconds until the next round: the interval when all is well, soon while catching up, and after a
 * failure a delay that doubles per failure (capped at the interval) with jitter, so many local
 * instances coming back at once do not hit the server together.
 */
export function nextRoundDelaySeconds(status: StoredSyncStatus, intervalMinutes: number, random: () => number = Math.random): number {
  const interval = intervalMinutes * 60;
  if (status.mode === 'recovery') return RECOVERY_PAUSE_SECONDS;
  if (status.mode !== 'offline') return interval;
  const backoff = Math.min(interval, FIRST_RETRY_SECONDS * 2 ** Math.max(0, status.failures - 1));
  return Math.max(1, Math.min(interval, Math.round(backoff * (0.5 + random()))));
}

function withMode(previous: StoredSyncStatus, mode: StoredSyncStatus['mode'], now: Date): StoredSyncStatus {
  return previous.mode === mode ? previous : { ...previous, mode, modeSince: now.toISOString() };
}
