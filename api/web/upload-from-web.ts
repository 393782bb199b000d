import type { HubCore } from '../core/hub-core.ts';
import { uploadDocument } from '../documents/upload-document.ts';
import type { StagedFile } from '../storage/raw-file-store.ts';
import { toDocumentView } from '../routes/document-view.ts';
import type { WebCommunity } from './web-access.ts';
import { claimOrWait, completeSubmission, releaseSubmission } from './web-submissions.ts';

/** A repeat waits this long for the first send of the same upload to be stored. */
const WAIT_FOR_FIRST_SEND_MS = 30_000;

/** What the page learns about its upload: enough to say "waiting for a moderator", nothing more. */
export interface WebUploadReceipt {
  id: string;
  documentId: string;
  filename: string;
  status: string;
  /** These bytes were already in the community: nothing new was stored. */
  duplicate: boolean;
  repeated?: boolean;
}

/**
 * Use for a file sent from the members' page: the same intake and moderation as a chat upload from an
 * ordinary member (it waits in `pending_review`), stored once per page item id.
 */
export async function uploadFromWeb(
  core: HubCore,
  upload: { id: string; bytes: Uint8Array; staged?: StagedFile; filename: string; community: WebCommunity | null },
): Promise<WebUploadReceipt> {
  const claim = await claimOrWait(core.db, { id: upload.id, kind: 'upload', communityId: upload.community?.id ?? null }, WAIT_FOR_FIRST_SEND_MS);
  if (claim.state === 'done') return { ...(claim.result as unknown as WebUploadReceipt), repeated: true };
  try {
    const { document, duplicate } = await uploadDocument(core, {
      bytes: upload.bytes,
      staged: upload.staged,
      filename: upload.filename,
      community: upload.community?.slug ?? null,
      uploader: { via: 'web', role: 'member', label: 'web page' },
    });
    const view = toDocumentView(document);
    const receipt: WebUploadReceipt = { id: upload.id, documentId: view.id, filename: view.filename, status: view.status, duplicate };
    await completeSubmission(core.db, upload.id, { ...receipt });
    return receipt;
  } catch (error) {
    await releaseSubmission(core.db, upload.id);
    throw error;
  }
}
