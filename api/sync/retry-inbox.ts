import { asc } from 'drizzle-orm';
import type { HubDatabase } from '../db/database.ts';
import { syncInbox } from '../db/schema/index.ts';
import { applyChanges, type ApplyOutcome } from './apply-changes.ts';
import type { SyncChange } from './sync-change.ts';

const RETRY_BATCH = 1000;

/** Tries again the changes that waited for what they belong to (call after each pull). */
export async function retryInbox(db: HubDatabase): Promise<ApplyOutcome> {
  const rows = await db.select().from(syncInbox).orderBy(asc(syncInbox.receivedAt)).limit(RETRY_BATCH);
  return applyChanges(db, rows.map((row) => ({ change: row.change as unknown as SyncChange, from: row.fromInstance })));
}
