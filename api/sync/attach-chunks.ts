import { asc, eq } from 'drizzle-orm';
import type { HubDatabase } from '../db/database.ts';
import { chunks } from '../db/schema/index.ts';
import type { SyncChange } from './sync-change.ts';

/**
 * Adds a document's chunks and vectors to its document_content change when they were embedded by the
 * model the receiver indexes with, so the receiver stores them instead of embedding again.
 */
export async function attachChunks(db: HubDatabase, change: SyncChange, receiverModel: string): Promise<SyncChange> {
  if (change.type !== 'document_content' || change.deleted) return change;
  const rows = await db
    .select({ createdAt: chunks.createdAt, position: chunks.position, text: chunks.text, sectionPath: chunks.sectionPath, pageStart: chunks.pageStart, pageEnd: chunks.pageEnd, embedding: chunks.embedding, model: chunks.embeddingModel, dimensions: chunks.embeddingDims })
    .from(chunks)
    .where(eq(chunks.documentId, change.id))
    .orderBy(asc(chunks.position));
  // Chunks older than the content being sent were cut from an earlier text: let the receiver index it.
  const processedAt = typeof change.snapshot?.processed_at === 'string' ? Date.parse(change.snapshot.processed_at) : NaN;
  const stale = Number.isNaN(processedAt) || rows.some((r) => r.createdAt.getTime() < processedAt);
  if (rows.length === 0 || stale || rows.some((r) => r.model !== receiverModel || !r.embedding)) return change;
  return {
    ...change,
    chunks: {
      model: receiverModel,
      dimensions: rows[0]!.dimensions ?? rows[0]!.embedding!.length,
      items: rows.map((r) => ({ position: r.position, text: r.text, sectionPath: r.sectionPath, pageStart: r.pageStart, pageEnd: r.pageEnd, embedding: r.embedding! })),
    },
  };
}
