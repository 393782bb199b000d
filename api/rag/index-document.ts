import { eq } from 'drizzle-orm';
import { chunkSections, type DocumentChunk } from '../documents/chunking/chunk-sections.ts';
import type { DocumentSection } from '../documents/extraction/extracted-document.ts';
import { documents } from '../db/schema/index.ts';
import { notFound } from '../errors/app-error.ts';
import { embedChunks } from './embeddings/embed-chunks.ts';
import type { RagServices } from './rag-services.ts';
import { ensureVectorIndex } from './retrieval/ensure-vector-index.ts';
import { ftsConfigFor, safeFtsConfig } from './retrieval/fts-config.ts';
import { rememberSearchTerms } from './retrieval/remember-search-terms.ts';
import { displayTitle } from './retrieval/chunk-search-vector.ts';
import { replaceDocumentChunks } from './store-document-chunks.ts';

export interface IndexDocumentResult {
  documentId: string;
  chunks: number;
  /** The embedding model every chunk of this document now records. */
  model: string;
  ftsConfig: string;
}

/**
 * Use after a document's sections are stored (the processing job calls it): chunks, embeds and
 * replaces all of the document's chunks in one transaction. Safe to run twice.
 */
export async function indexDocument(services: RagServices, input: { documentId: string }): Promise<IndexDocumentResult> {
  const { db } = services;
  const [document] = await db.select().from(documents).where(eq(documents.id, input.documentId));
  if (!document) throw notFound(`No document with id ${input.documentId}.`);
  const pieces = chunkSections(sectionsOf(document.sections, document.content));
  const { ftsConfig, title, searchTitle } = searchFieldsOf(document, pieces);
  const embedded = await embedChunks(services, pieces.map((piece) => embeddingInput(title, piece)));
  if (embedded.dimensions > 0) {
    await ensureVectorIndex(db, { model: embedded.model, dimensions: embedded.dimensions }, services.ensuredIndexes);
  }
  await db.transaction((tx) =>
    replaceDocumentChunks(tx, document, { model: embedded.model, dimensions: embedded.dimensions, ftsConfig, searchTitle }, pieces.map((piece, index) => ({ ...piece, embedding: embedded.vectors[index]! }))),
  );
  services.termStatistics.invalidate();
  await rememberSearchTerms(db, [title, ...pieces.map((p) => p.text)]);
  services.logger.info({ documentId: document.id, chunks: pieces.length, model: embedded.model, ftsConfig }, 'document indexed');
  return { documentId: document.id, chunks: pieces.length, model: embedded.model, ftsConfig };
}

/** How a document's chunks are searched: its text search language and the title words every chunk carries. */
export function searchFieldsOf(
  document: { language: string | null; content: string | null; title: string | null; filename: string },
  pieces: ReadonlyArray<{ text: string }>,
): { ftsConfig: string; title: string; searchTitle: string } {
  const ftsConfig = safeFtsConfig(ftsConfigFor(document.language, document.content ?? pieces.map((p) => p.text).join(' ')));
  const title = displayTitle(document.title, document.filename);
  // Extracted titles are sometimes junk ("arXiv:1810.04805v2", "1 Introduction"); the file name often says more.
  return { ftsConfig, title, searchTitle: `${title} ${displayTitle(null, document.filename)}` };
}

/** Documents stored before sections existed (or plain text) still index from their content. */
function sectionsOf(sections: DocumentSection[] | null, content: string | null): DocumentSection[] {
  if (sections && sections.length > 0) return sections;
  if (!content?.trim()) return [];
  return [{ path: [], level: 0, heading: '', pageStart: null, pageEnd: null, markdown: content }];
}

/** The embedding sees where a chunk sits: a passage under "Flood > After" is about floods even if it never says so. */
export function embeddingInput(title: string, chunk: Pick<DocumentChunk, 'sectionPath' | 'text'>): string {
  return [title, chunk.sectionPath.join(' > '), chunk.text].filter(Boolean).join('\n');
}
