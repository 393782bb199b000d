import type { HubDatabase } from '../db/database.ts';
import { findDocument, type DocumentRow } from '../documents/document-repository.ts';
import { notFound } from '../errors/app-error.ts';
import type { WebCommunity } from './web-access.ts';

/**
 * Use before handing an original file to the members' page. A member who reached the page may download
 * what the answers may cite to them: files a moderator approved that were processed (`ready`), global
 * or of their own community. Never an upload waiting for review, a rejected or failed one, or another
 * community's file. Anything else is "not found", so the answer does not reveal that it exists.
 */
export async function findDownloadableDocument(db: HubDatabase, id: string, community: WebCommunity | null): Promise<DocumentRow> {
  const row = await findDocument(db, id);
  const visible =
    row !== null &&
    row.kind === 'file' &&
    row.status === 'ready' &&
    row.approvedAt !== null &&
    (row.communityId === null || row.communityId === community?.id);
  if (!visible) throw notFound('This document is not available here.');
  return row;
}
