import { eq, sql } from 'drizzle-orm';
import type { HubDatabase } from '../db/database.ts';
import { chunks, type documents } from '../db/schema/index.ts';
import { chunkSearchVector } from './retrieval/chunk-search-vector.ts';

/** Rows per INSERT: keeps statements well under parameter limits on both drivers. */
const INSERT_BATCH = 200;

export interface StoredChunk {
  position: number;
  text: string;
  sectionPath: string[];
  pageStart: number | null;
  pageEnd: number | null;
  embedding: number[];
}

export interface ChunkSpace {
  model: string;
  dimensions: number;
  ftsConfig: string;
  /** The title words every chunk of the document is found by. */
  searchTitle: string;
}

type DocumentFields = Pick<typeof documents.$inferSelect, 'id' | 'communityId' | 'tags' | 'category'>;

/**
 * Replaces all of a document's chunks with these, inside the caller's transaction (indexing, or a
 * processed document received from a sync peer together with its vectors).
 */
export async function replaceDocumentChunks(tx: HubDatabase, document: DocumentFields, space: ChunkSpace, pieces: StoredChunk[]): Promise<void> {
  await tx.delete(chunks).where(eq(chunks.documentId, document.id));
  for (let start = 0; start < pieces.length; start += INSERT_BATCH) {
    const rows = pieces.slice(start, start + INSERT_BATCH).map((piece) => ({
      documentId: document.id,
      communityId: document.communityId,
      position: piece.position,
      text: piece.text,
      sectionPath: piece.sectionPath,
      pageStart: piece.pageStart,
      pageEnd: piece.pageEnd,
      embedding: piece.embedding,
      embeddingModel: space.model,
      embeddingDims: space.dimensions,
      ftsConfig: space.ftsConfig,
      tsv: sql`${chunkSearchVector(space.ftsConfig, { title: space.searchTitle, labels: [...document.tags, document.category ?? ''], sectionPath: piece.sectionPath, text: piece.text })}`,
    }));
    await tx.insert(chunks).values(rows as never);
  }
}
