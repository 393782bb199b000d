import { and, eq, inArray, isNotNull } from 'drizzle-orm';
import type { HubDatabase } from '../db/database.ts';
import { documents } from '../db/schema/index.ts';

/** Where the page can open a cited document's original file, and its type (pdf, docx ...). */
export interface CitedOriginal {
  url: string;
  fileType: string;
}

export function originalFileUrl(documentId: string): string {
  return `/api/web/documents/${documentId}/file`;
}

/**
 * Use on the citations of an answer for the members' page: adds `original` to each citation whose
 * document has a file the member may download (see findDownloadableDocument), and null to the rest
 * (curated FAQ entries and updates have no file). Other fields pass through untouched.
 */
export async function linkCitedOriginals<C extends { documentId: string }>(db: HubDatabase, citations: readonly C[]): Promise<Array<C & { original: CitedOriginal | null }>> {
  const ids = [...new Set(citations.map((citation) => citation.documentId))];
  const files = ids.length === 0
    ? []
    : await db
        .select({ id: documents.id, fileType: documents.fileType })
        .from(documents)
        .where(and(inArray(documents.id, ids), eq(documents.kind, 'file'), eq(documents.status, 'ready'), isNotNull(documents.approvedAt)));
  const typeById = new Map(files.map((file) => [file.id, file.fileType]));
  return citations.map((citation) => {
    const fileType = typeById.get(citation.documentId);
    return { ...citation, original: fileType ? { url: originalFileUrl(citation.documentId), fileType } : null };
  });
}
