import { and, count, desc, eq, isNotNull, isNull, ne, or } from 'drizzle-orm';
import type { HubDatabase } from '../db/database.ts';
import { documents } from '../db/schema/index.ts';
import type { SourceListing } from './chat-message.ts';

/** Lines per `/sources` page: a phone screen. */
export const SOURCES_PAGE_SIZE = 10;

export interface SourcesPage {
  documents: SourceListing[];
  /** 1-based; a page past the end is answered with the last page. */
  page: number;
  pageCount: number;
  pageSize: number;
  total: number;
}

/**
 * Use for `/sources`: the documents a chat's questions are answered from (its community's and the
 * global ones, approved and processed), newest first, one page at a time.
 */
export async function listChatSources(db: HubDatabase, communityId: string, requestedPage: number): Promise<SourcesPage> {
  const visible = and(
    or(eq(documents.communityId, communityId), isNull(documents.communityId)),
    eq(documents.status, 'ready'),
    isNotNull(documents.approvedAt),
    ne(documents.kind, 'faq'),
  );
  const [{ total = 0 } = {}] = await db.select({ total: count() }).from(documents).where(visible);
  const pageCount = Math.max(1, Math.ceil(Number(total) / SOURCES_PAGE_SIZE));
  const page = Math.min(Math.max(1, Math.floor(requestedPage) || 1), pageCount);
  const rows = await db
    .select({ title: documents.title, filename: documents.filename, kind: documents.kind, createdAt: documents.createdAt })
    .from(documents)
    .where(visible)
    .orderBy(desc(documents.createdAt), desc(documents.id))
    .limit(SOURCES_PAGE_SIZE)
    .offset((page - 1) * SOURCES_PAGE_SIZE);
  return {
    documents: rows.map((row) => ({ title: row.title?.trim() || row.filename, kind: row.kind, addedAt: row.createdAt.toISOString() })),
    page,
    pageCount,
    pageSize: SOURCES_PAGE_SIZE,
    total: Number(total),
  };
}
