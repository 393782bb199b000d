import { and, desc, eq, gt, isNotNull, isNull, or, type SQL } from 'drizzle-orm';
import type { HubDatabase } from '../db/database.ts';
import { communityUpdates, faqEntries } from '../db/schema/index.ts';

/** Enough for a phone screen; older updates are in the chats' history. */
const MAX_UPDATES = 20;
const MAX_FAQ_ENTRIES = 200;

export interface WebUpdate {
  id: string;
  title: string;
  body: string;
  publishedAt: string;
  expiresAt: string | null;
}

export interface WebFaqEntry {
  id: string;
  question: string;
  answer: string;
  updatedAt: string;
}

/** Use for the page's updates tab: published, unexpired updates of the community and global ones, newest first. */
export async function listRecentUpdates(db: HubDatabase, communityId: string | null, now = new Date()): Promise<WebUpdate[]> {
  const rows = await db
    .select()
    .from(communityUpdates)
    .where(and(scopeOf(communityUpdates.communityId, communityId), isNotNull(communityUpdates.publishedAt), or(isNull(communityUpdates.expiresAt), gt(communityUpdates.expiresAt, now))))
    .orderBy(desc(communityUpdates.publishedAt))
    .limit(MAX_UPDATES);
  return rows.map((row) => ({
    id: row.id,
    title: row.title,
    body: row.body,
    publishedAt: row.publishedAt!.toISOString(),
    expiresAt: row.expiresAt?.toISOString() ?? null,
  }));
}

/** Use for the page's FAQ tab: the community's curated answers and the global ones, most recently edited first. */
export async function listFaqEntries(db: HubDatabase, communityId: string | null): Promise<WebFaqEntry[]> {
  const rows = await db
    .select()
    .from(faqEntries)
    .where(scopeOf(faqEntries.communityId, communityId))
    .orderBy(desc(faqEntries.updatedAt))
    .limit(MAX_FAQ_ENTRIES);
  return rows.map((row) => ({ id: row.id, question: row.question, answer: row.answer, updatedAt: row.updatedAt.toISOString() }));
}

function scopeOf(column: typeof faqEntries.communityId | typeof communityUpdates.communityId, communityId: string | null): SQL | undefined {
  return communityId ? or(eq(column, communityId), isNull(column)) : isNull(column);
}
