import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { HubDatabase } from '../../api/db/database.ts';
import { documents } from '../../api/db/schema/index.ts';
import type { DocumentSection } from '../../api/documents/extraction/extracted-document.ts';
import { indexDocument } from '../../api/rag/index-document.ts';
import type { RagServices } from '../../api/rag/rag-services.ts';

/** What an evaluation needs from a file: its sections and metadata (from extractDocument). */
export interface LoadedDocument {
  sections: DocumentSection[];
  markdown: string;
  title: string | null;
  language: string | null;
  pageCount: number | null;
}

export type LoadDocument = (filePath: string, fileType: string) => Promise<LoadedDocument>;

const SUPPORTED = /\.(pdf|txt|md|markdown|html?|docx|odt)$/i;
/** A folder's own README or licence describes the files; ingesting it would leak their topics into the eval. */
const FOLDER_NOTES = /^(readme|license|licence|sources)\b/i;

/** Use in eval and bench scripts: stores every supported file of a folder as an approved global document and indexes it. */
export async function ingestFolder(services: RagServices, db: HubDatabase, folder: string, load: LoadDocument): Promise<{ files: number; chunks: number; ms: number }> {
  const started = performance.now();
  let chunks = 0;
  const files = readdirSync(folder).filter((name) => SUPPORTED.test(name) && !FOLDER_NOTES.test(name) && statSync(path.join(folder, name)).isFile()).sort();
  for (const name of files) {
    const filePath = path.join(folder, name);
    const fileType = path.extname(name).slice(1).toLowerCase();
    const loaded = await load(filePath, fileType);
    const bytes = readFileSync(filePath);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const [row] = await db
      .insert(documents)
      .values({
        filename: name, title: loaded.title, fileType, mimeType: 'application/octet-stream', sizeBytes: bytes.length, sha256,
        rawFileKey: sha256, status: 'ready', content: loaded.markdown, sections: loaded.sections, language: loaded.language,
        pageCount: loaded.pageCount, approvedAt: new Date(), approvedBy: 'eval', uploadedVia: 'cli',
      })
      .returning({ id: documents.id });
    chunks += (await indexDocument(services, { documentId: row!.id })).chunks;
  }
  return { files: files.length, chunks, ms: Math.round(performance.now() - started) };
}
