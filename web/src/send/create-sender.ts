import type { HubError } from '../api/hub-client.ts';
import { loadEntries, pruneEntries, saveEntry, type Entry } from '../store/entries.ts';
import { sendEntry, type LiveProgress } from './send-entry.ts';

export interface SenderEvents {
  /** An entry is on its way (null: no longer). */
  onLive(id: string, progress: LiveProgress | null): void;
  /** An entry was confirmed or refused by the hub. */
  onFinished(entry: Entry): void;
  /** Whether the last attempt reached the hub. */
  onReachable(reachable: boolean): void;
  onAccessNeeded(error: HubError): void;
}

/**
 * Sends queued entries oldest first, one at a time, stopping at the first that cannot go yet. Tabs of
 * the same page take turns (Web Locks), and the hub ignores repeats anyway, so nothing goes twice.
 */
export function createSender(events: SenderEvents) {
  let running: Promise<void> | null = null;
  let askedAgain = false;

  /** True when the round may go on with the next entry. */
  async function sendOne(entry: Entry): Promise<boolean> {
    try {
      const outcome = await sendEntry(entry, (progress) => events.onLive(entry.id, progress));
      if (outcome.kind === 'later') {
        events.onReachable(false);
        return false;
      }
      if (outcome.kind === 'access') {
        events.onAccessNeeded(outcome.error);
        return false;
      }
      events.onReachable(true);
      await saveEntry(outcome.entry);
      events.onFinished(outcome.entry);
      return true;
    } finally {
      events.onLive(entry.id, null);
    }
  }

  async function sendQueued(): Promise<void> {
    do {
      askedAgain = false;
      for (const entry of await loadEntries()) {
        if (entry.state === 'queued' && !(await sendOne(entry))) return;
      }
    } while (askedAgain);
    await pruneEntries();
  }

  return {
    /** Sends whatever is queued; a call during a round makes the round look for new entries before it ends. */
    drain(): Promise<void> {
      if (running) {
        askedAgain = true;
        return running;
      }
      running = (navigator.locks ? navigator.locks.request('community-hub-outbox', sendQueued) : sendQueued()).finally(() => {
        running = null;
      });
      return running;
    },
  };
}
