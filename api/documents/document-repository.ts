import { and, desc, eq, isNull, ne, sql, type SQL } from 'drizzle-orm';
import type { HubDatabase } from '../db/database.ts';
import { documents, type DocumentStatus } from '../db/schema/index.ts';

export type DocumentRow = typeof documents.$inferSelect;
export type NewDocumentRow = typeof documents.$inferInsert;
export type DocumentPatch = Partial<Omit<NewDocumentRow, 'id' | 'createdAt' | 'revision'>>;

/** Reads and writes of `documents` rows; use cases decide what to write. */
export async function findDocument(db: HubDatabase, id: string): Promise<DocumentRow | null> {
  if (!isUuid(id)) return null;
  const [row] = await db.select().from(documents).where(eq(documents.id, id));
  return row ?? null;
}

export async function findDocumentByHash(db: HubDatabase, communityId: string | null, sha256: string): Promise<DocumentRow | null> {
  const community = communityId === null ? isNull(documents.communityId) : eq(documents.communityId, communityId);
  const [row] = await db.select().from(documents).where(and(community, eq(documents.sha256, sha256)));
  return row ?? null;
}

/** Inserts a document; returns null when the same bytes already exist in that community. */
export async function insertDocument(db: HubDatabase, row: NewDocumentRow): Promise<DocumentRow | null> {
  const [inserted] = await db.insert(documents).values(row).onConflictDoNothing().returning();
  return inserted ?? null;
}

/** Applies a change and bumps the revision that sync compares. */
export async function updateDocument(db: HubDatabase, id: string, patch: DocumentPatch): Promise<DocumentRow | null> {
  const [row] = await db
    .update(documents)
    .set({ ...patch, revision: sql`${documents.revision} + 1`, updatedAt: new Date() })
    .where(eq(documents.id, id))
    .returning();
  return row ?? null;
}

/**
 * Like `updateDocument`, but leaves a rejected document alone and returns null: a moderator's
 * rejection wins over whatever a job that was already running wanted to write.
 */
export async function updateDocumentUnlessRejected(db: HubDatabase, id: string, patch: DocumentPatch): Promise<DocumentRow | null> {
  const [row] = await db
    .update(documents)
    .set({ ...patch, revision: sql`${documents.revision} + 1`, updatedAt: new Date() })
    .where(and(eq(documents.id, id), ne(documents.status, 'rejected')))
    .returning();
  return row ?? null;
}

/** Progress is frequent and not worth a revision: it never syncs. */
export async function setDocumentProgress(db: HubDatabase, id: string, progress: DocumentRow['progress']): Promise<void> {
  await db.update(documents).set({ progress }).where(eq(documents.id, id));
}

export interface DocumentListFilter {
  status?: DocumentStatus;
  communityId?: string;
  limit: number;
  offset: number;
}

export async function listDocuments(db: HubDatabase, filter: DocumentListFilter): Promise<{ rows: DocumentRow[]; total: number }> {
  const conditions: SQL[] = [];
  if (filter.status) conditions.push(eq(documents.status, filter.status));
  if (filter.communityId) conditions.push(eq(documents.communityId, filter.communityId));
  const where = conditions.length > 0 ? and(...conditions) : undefined;
  const rows = await db.select().from(documents).where(where).orderBy(desc(documents.createdAt)).limit(filter.limit).offset(filter.offset);
  const [count] = await db.select({ total: sql<number>`count(*)::int` }).from(documents).where(where);
  return { rows, total: Number(count?.total ?? 0) };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export function isUuid(value: string): boolean {
  return UUID.test(value);
}
