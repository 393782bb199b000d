import { and, eq, isNull, sql } from 'drizzle-orm';
import type { HubDatabase } from '../db/database.ts';
import { webSubmissions, type WebSubmissionKind } from '../db/schema/index.ts';
import { AppError, ErrorCode } from '../errors/app-error.ts';

/**
 * An attempt that has not finished after this long died with its process (a restart mid-answer): a
 * repeat may take it over. Longer than any answer: both LLM timeouts with a retry each stay under it.
 */
const ABANDONED_AFTER_SECONDS = 300;
const POLL_MS = 250;

export interface SubmissionKey {
  id: string;
  kind: WebSubmissionKind;
  communityId: string | null;
}

export type Claim =
  /** This request does the work, then calls completeSubmission (or releaseSubmission on failure). */
  | { state: 'claimed' }
  /** An earlier send finished: replay its result. */
  | { state: 'done'; result: Record<string, unknown> }
  /** Another request is doing the work right now. */
  | { state: 'busy' };

/**
 * Use before answering or storing anything the members' page sent: the first send of an id claims it,
 * every later send gets the first result (or `busy` while the first is still running).
 */
export async function claimSubmission(db: HubDatabase, key: SubmissionKey): Promise<Claim> {
  const claimed = await db
    .insert(webSubmissions)
    .values({ id: key.id, kind: key.kind, communityId: key.communityId })
    .onConflictDoUpdate({
      target: webSubmissions.id,
      set: { claimedAt: sql`now()` },
      setWhere: sql`${webSubmissions.completedAt} IS NULL AND ${webSubmissions.kind} = ${key.kind}
        AND ${webSubmissions.claimedAt} < now() - make_interval(secs => ${ABANDONED_AFTER_SECONDS})`,
    })
    .returning({ id: webSubmissions.id });
  if (claimed.length > 0) return { state: 'claimed' };
  const [row] = await db.select().from(webSubmissions).where(eq(webSubmissions.id, key.id));
  if (!row) return claimSubmission(db, key); // released between the two statements: try again
  if (row.kind !== key.kind) {
    throw new AppError(ErrorCode.conflict, `The id ${key.id} was already used for a ${row.kind}; the page must give each item its own id.`);
  }
  return row.completedAt && row.result ? { state: 'done', result: row.result } : { state: 'busy' };
}

/** Stores the result a repeat of this id will get. */
export async function completeSubmission(db: HubDatabase, id: string, result: Record<string, unknown>): Promise<void> {
  await db.update(webSubmissions).set({ result, completedAt: sql`now()` }).where(eq(webSubmissions.id, id));
}

/** Gives the id up after a failure, so the page's next send starts again. */
export async function releaseSubmission(db: HubDatabase, id: string): Promise<void> {
  await db.delete(webSubmissions).where(and(eq(webSubmissions.id, id), isNull(webSubmissions.completedAt)));
}

/**
 * Claims the id, waiting up to `waitMs` while another request works on it. Still busy after that:
 * a 409 the page answers by sending again later.
 */
export async function claimOrWait(db: HubDatabase, key: SubmissionKey, waitMs: number): Promise<Exclude<Claim, { state: 'busy' }>> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    const claim = await claimSubmission(db, key);
    if (claim.state !== 'busy') return claim;
    if (Date.now() >= deadline) {
      throw new AppError(ErrorCode.conflict, 'This item is still being handled by an earlier send; the page will ask again.', { details: { reason: 'busy' } });
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}
