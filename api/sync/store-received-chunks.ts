import { and, eq, inArray } from 'drizzle-orm';
import type { HubDatabase } from '../db/database.ts';
import { documents, syncFollowups } from '../db/schema/index.ts';
import { searchFieldsOf } from '../rag/index-document.ts';
import type { RagServices } from '../rag/rag-services.ts';
import { ensureVectorIndex } from '../rag/retrieval/ensure-vector-index.ts';
import { replaceDocumentChunks } from '../rag/store-document-chunks.ts';
import type { AppliedChange } from './apply-changes.ts';

/** The model this instance indexes with first: chunks embedded by the same model can be stored as they come. */
export function indexingModel(rag: RagServices): string {
  return rag.embedders[0]!.model;
}

/** Makes sure the vector index for chunks arriving with `change.chunks` exists before they are stored. */
export async function prepareForReceivedChunks(rag: RagServices, changes: ReadonlyArray<{ chunks?: { model: string; dimensions: number } }>): Promise<void> {
  const spaces = new Map(changes.flatMap((c) => (c.chunks && c.chunks.model === indexingModel(rag) ? [[c.chunks.model, c.chunks.dimensions] as const] : [])));
  for (const [model, dimensions] of spaces) await ensureVectorIndex(rag.db, { model, dimensions }, rag.ensuredIndexes);
}

/**
 * Stores the chunks and vectors that came with applied document contents, in the applying transaction,
 * when they were embedded by this instance's model (the 512 MB cloud then embeds nothing); such
 * documents need no re-indexing follow-up. Other contents are re-indexed by the follow-up.
 */
export async function storeReceivedChunks(tx: HubDatabase, rag: RagServices, applied: AppliedChange[]): Promise<number> {
  const model = indexingModel(rag);
  const usable = applied.filter((a) => a.change.type === 'document_content' && !a.change.deleted && a.change.chunks?.model === model);
  for (const { change } of usable) {
    const [document] = await tx.select().from(documents).where(eq(documents.id, change.id));
    if (!document) continue;
    const items = change.chunks!.items;
    const { ftsConfig, searchTitle } = searchFieldsOf(document, items);
    await replaceDocumentChunks(tx, document, { model, dimensions: change.chunks!.dimensions, ftsConfig, searchTitle }, items);
  }
  if (usable.length > 0) {
    await tx.delete(syncFollowups).where(and(eq(syncFollowups.entityType, 'document_content'), inArray(syncFollowups.entityId, usable.map((u) => u.change.id))));
  }
  return usable.length;
}
