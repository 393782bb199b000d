import type { HubCore } from '../core/hub-core.ts';
import { documentLimitsFrom } from '../documents/document-limits.ts';
import { findDocument, updateDocument } from '../documents/document-repository.ts';
import { extractDocument } from '../documents/extraction/extract-document.ts';
import { indexDocument } from '../rag/index-document.ts';
import { attachChunks } from './attach-chunks.ts';
import type { SyncServer } from './http-sync-server.ts';
import type { LeasedDocument } from './lease-unprocessed.ts';
import { readEntityChange } from './read-change-feed.ts';

export type LeasedOutcome = 'delivered' | 'skipped' | 'failed';

/**
 * Fully processes (OCR, office conversion, structure) a document the server leased to this instance,
 * stores the result here and delivers it to the server with its chunks. If processing fails, nothing
 * changes on either side: the server keeps its basic text and the lease expires for another try.
 */
export async function processLeasedDocument(core: HubCore, server: SyncServer, leased: LeasedDocument, serverModel: string): Promise<LeasedOutcome> {
  const log = core.logger.child({ documentId: leased.id, part: 'sync' });
  const document = await findDocument(core.db, leased.id);
  // Not pulled yet (or waiting in the inbox): the next round leases it again.
  if (!document || document.sha256 !== leased.sha256) return 'skipped';
  try {
    if (!(await core.files.exists(document.rawFileKey))) {
      await server.downloadRaw(document.id, document.sha256, core.files, core.config.UPLOAD_MAX_BYTES);
    }
    const extracted = await extractDocument({
      filePath: core.files.pathOf(document.rawFileKey),
      fileType: document.fileType,
      mode: 'local_full',
      limits: documentLimitsFrom(core.config),
      ocrLangs: core.config.OCR_LANGS,
      libreOfficePath: core.config.LIBREOFFICE_PATH,
    });
    await updateDocument(core.db, document.id, {
      content: extracted.markdown,
      sections: extracted.sections,
      pageCount: extracted.pageCount,
      language: extracted.language,
      title: document.title ?? extracted.title,
      needsFullProcessing: extracted.needsFullProcessing,
      processingMode: extracted.processingMode,
      processedAt: new Date(),
      errorCode: null,
      errorReason: null,
      metadata: { ...document.metadata, warnings: extracted.warnings },
      ...(document.status === 'pending_review' || document.status === 'rejected' ? {} : { status: 'ready' as const }),
    });
    await indexDocument(core.rag, { documentId: document.id });
  } catch (error) {
    log.warn({ err: error }, 'full processing of a leased document failed; the server keeps its basic text');
    return 'failed';
  }
  const change = await readEntityChange(core.db, 'document_content', document.id);
  if (!change) return 'failed';
  await server.sendProcessed(document.id, document.sha256, await attachChunks(core.db, change, serverModel));
  log.info({ processingMode: 'local_full' }, 'processed for the server and delivered');
  return 'delivered';
}
