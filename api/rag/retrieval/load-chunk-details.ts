import { sql } from 'drizzle-orm';
import { queryRows, type HubDatabase } from '../../db/database.ts';
import type { DocumentKind } from '../../db/schema/documents.ts';
import { toTextArray } from './correct-typos.ts';

/** A chunk as the answer step needs it: text, where it comes from, and which document. */
export interface ChunkDetails {
  chunkId: string;
  documentId: string;
  filename: string;
  title: string | null;
  kind: DocumentKind;
  sectionPath: string[];
  pageStart: number | null;
  pageEnd: number | null;
  text: string;
  /** When the document is a community update: when it was published (recent ones rank higher). */
  publishedAt: Date | null;
}

/** Use after ranking: the texts and document fields of the chosen chunks, by id. */
export async function loadChunkDetails(db: HubDatabase, chunkIds: string[]): Promise<Map<string, ChunkDetails>> {
  if (chunkIds.length === 0) return new Map();
  const rows = await queryRows<{
    id: string; document_id: string; filename: string; title: string | null; kind: DocumentKind; section_path: string[] | string;
    page_start: number | null; page_end: number | null; text: string; published_at: string | Date | null;
  }>(
    db,
    sql`SELECT c.id, c.document_id, d.filename, d.title, d.kind, c.section_path, c.page_start, c.page_end, c.text,
               (SELECT u.published_at FROM community_updates u WHERE u.document_id = d.id LIMIT 1) AS published_at
        FROM chunks c JOIN documents d ON d.id = c.document_id
        WHERE c.id = ANY(${toTextArray(chunkIds)}::uuid[])`,
  );
  return new Map(
    rows.map((row) => [
      row.id,
      {
        chunkId: row.id,
        documentId: row.document_id,
        filename: row.filename,
        title: row.title,
        kind: row.kind,
        sectionPath: Array.isArray(row.section_path) ? row.section_path : parsePgArray(row.section_path),
        pageStart: row.page_start,
        pageEnd: row.page_end,
        text: row.text,
        publishedAt: row.published_at ? new Date(row.published_at) : null,
      },
    ]),
  );
}

function parsePgArray(value: string): string[] {
  const inner = value.replace(/^\{|\}$/g, '');
  if (!inner) return [];
  return [...inner.matchAll(/"((?:[^"\\]|\\.)*)"|([^,]+)/g)].map((m) => (m[1] ?? m[2] ?? '').replace(/\\(.)/g, '$1'));
}
