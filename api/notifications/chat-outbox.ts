import { and, eq, inArray, lte, or, sql } from 'drizzle-orm';
import type { HubDatabase } from '../db/database.ts';
import { chatOutbox, type ChatPlatform } from '../db/schema/index.ts';

export type OutboxRow = typeof chatOutbox.$inferSelect;

/** A message being sent for longer than this was left by a process that died: it is sent again. */
const CLAIM_LEASE_SECONDS = 300;
/** Tries before a message is given up (about a day with the backoff below). */
export const MAX_SEND_ATTEMPTS = 12;
const FIRST_RETRY_MS = 30_000;
const MAX_RETRY_MS = 3_600_000;

/**
 * Use in the sender loop: takes up to `limit` messages that are due, for platforms that are connected,
 * and marks them `sending`, so two senders never take the same message (SKIP LOCKED).
 */
export async function claimDueMessages(db: HubDatabase, platforms: readonly ChatPlatform[], limit: number): Promise<OutboxRow[]> {
  if (platforms.length === 0) return [];
  const due = db
    .select({ id: chatOutbox.id })
    .from(chatOutbox)
    .where(
      and(
        inArray(chatOutbox.platform, [...platforms]),
        or(
          and(eq(chatOutbox.status, 'pending'), lte(chatOutbox.nextAttemptAt, sql`now()`)),
          and(eq(chatOutbox.status, 'sending'), lte(chatOutbox.claimedAt, sql`now() - make_interval(secs => ${CLAIM_LEASE_SECONDS})`)),
        ),
      ),
    )
    .orderBy(chatOutbox.createdAt)
    .limit(limit)
    .for('update', { skipLocked: true });
  return db
    .update(chatOutbox)
    .set({ status: 'sending', claimedAt: sql`now()`, attempts: sql`${chatOutbox.attempts} + 1` })
    .where(inArray(chatOutbox.id, due))
    .returning();
}

export async function markMessageSent(db: HubDatabase, id: string): Promise<void> {
  await db.update(chatOutbox).set({ status: 'sent', sentAt: sql`now()`, lastError: null }).where(eq(chatOutbox.id, id));
}

/**
 * After a failed send: tried again later (after `retryAfterMs` when the platform named a wait, else
 * with a growing pause), or given up when retrying cannot help or the attempts are used up.
 * Returns the state the message is left in.
 */
export async function markMessageFailed(db: HubDatabase, row: OutboxRow, failure: { reason: string; permanent: boolean; retryAfterMs?: number }): Promise<'pending' | 'failed'> {
  const giveUp = failure.permanent || row.attempts >= MAX_SEND_ATTEMPTS;
  const waitMs = failure.retryAfterMs ?? Math.min(FIRST_RETRY_MS * 2 ** Math.max(0, row.attempts - 1), MAX_RETRY_MS);
  await db
    .update(chatOutbox)
    .set({ status: giveUp ? 'failed' : 'pending', lastError: failure.reason.slice(0, 500), claimedAt: null, nextAttemptAt: new Date(Date.now() + waitMs) })
    .where(eq(chatOutbox.id, row.id));
  return giveUp ? 'failed' : 'pending';
}
