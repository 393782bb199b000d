import type { HubConfig } from '../config/load-config.ts';
import type { HubDatabase } from '../db/database.ts';
import { isAppError, type AppError } from '../errors/app-error.ts';
import type { JobOutcome } from '../jobs/job-types.ts';
import type { Logger } from '../logging/create-logger.ts';
import type { RawFileStore } from '../storage/raw-file-store.ts';
import { defaultProcessingMode, documentLimitsFrom } from './document-limits.ts';
import { findDocument, updateDocumentUnlessRejected, type DocumentRow } from './document-repository.ts';
import { extractDocument } from './extraction/extract-document.ts';
import { ProcessingMode, UnreadableReason, type ExtractedDocument } from './extraction/extracted-document.ts';
import { createProgressReporter } from './progress-reporter.ts';

export interface ProcessDeps {
  config: HubConfig;
  db: HubDatabase;
  files: RawFileStore;
  logger: Logger;
  /** Chunks and embeds a processed document (the RAG core's indexDocument). */
  indexDocument(documentId: string): Promise<unknown>;
}

export interface ProcessRequest {
  documentId: string;
  mode?: ProcessingMode;
  /** 0 for the first try; errors other than a bad file are retried until `finalAttempt`. */
  attempt: number;
  finalAttempt: boolean;
  /** Aborted when the process shuts down: the parser is stopped and the document waits for a retry. */
  signal?: AbortSignal;
}

/** Codes that mean the file itself is the problem: retrying cannot help, a moderator must act. */
const FILE_PROBLEMS = new Set(['document_unreadable', 'unsupported_type', 'payload_too_large']);

const REJECTED_MEANWHILE: JobOutcome = { status: 'skipped', reason: 'a moderator rejected the document while it was processed' };

/**
 * Extracts, stores and indexes one document. Safe to run twice: it reloads the row, and the result
 * replaces the previous one in full. A bad file ends as `failed` with a reason; an infrastructure error
 * is thrown for the queue to retry, and only the last attempt marks the document failed. A rejection
 * that arrives while it runs wins: no write of the job touches a rejected row.
 */
export async function processDocument(deps: ProcessDeps, request: ProcessRequest): Promise<JobOutcome> {
  const document = await findDocument(deps.db, request.documentId);
  if (!document) return { status: 'skipped', reason: 'the document no longer exists' };
  if (document.status === 'pending_review' || document.status === 'rejected') {
    return { status: 'skipped', reason: `the document is ${document.status}` };
  }
  const mode = request.mode ?? defaultProcessingMode(deps.config);
  const started = await updateDocumentUnlessRejected(deps.db, document.id, { status: 'processing', progress: { stage: 'extracting' } });
  if (!started) return REJECTED_MEANWHILE;
  const progress = createProgressReporter(deps.db, document.id);
  try {
    const extracted = await extractDocument({
      filePath: deps.files.pathOf(document.rawFileKey),
      fileType: document.fileType,
      mode,
      limits: documentLimitsFrom(deps.config),
      ocrLangs: deps.config.OCR_LANGS,
      libreOfficePath: deps.config.LIBREOFFICE_PATH,
      onProgress: progress.report,
      signal: request.signal,
    });
    await progress.flush();
    if (!(await saveExtraction(deps.db, document, extracted))) return REJECTED_MEANWHILE;
    await progress.set({ stage: 'embedding' });
    await deps.indexDocument(document.id);
    const ready = await updateDocumentUnlessRejected(deps.db, document.id, { status: 'ready', progress: { stage: 'done' } });
    if (!ready) return REJECTED_MEANWHILE;
    return { status: 'done', detail: { pages: extracted.pageCount, chars: extracted.markdown.length, mode } };
  } catch (error) {
    await progress.flush();
    return handleFailure(deps, document, { ...request, mode }, error);
  }
}

/** False when the document was rejected meanwhile (nothing was written). */
async function saveExtraction(db: HubDatabase, document: DocumentRow, extracted: ExtractedDocument): Promise<boolean> {
  const saved = await updateDocumentUnlessRejected(db, document.id, {
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
  });
  return saved !== null;
}

async function handleFailure(deps: ProcessDeps, document: DocumentRow, request: ProcessRequest & { mode: ProcessingMode }, error: unknown): Promise<JobOutcome> {
  const log = deps.logger.child({ documentId: document.id });
  // Rejecting deletes the file, which may be what made the parser fail: nothing to retry or report.
  if ((await findDocument(deps.db, document.id))?.status === 'rejected') return REJECTED_MEANWHILE;
  if (request.signal?.aborted) {
    // Not the file's fault and not an attempt to count against it: the queue retries the job.
    await updateDocumentUnlessRejected(deps.db, document.id, { status: 'queued', progress: null, errorReason: 'interrupted by a restart; it will be processed again' });
    log.info('processing interrupted by shutdown; the document is queued again');
    throw error;
  }
  if (isAppError(error) && FILE_PROBLEMS.has(error.code)) {
    if (exceedsBasicBudget(request.mode, error)) {
      const reason = `${error.message}. This instance's limits are small (basic processing); a local instance with full processing will take it.`;
      await markFailed(deps.db, document.id, error.code, reason, { needsFullProcessing: true });
      log.info({ code: error.code, reason: error.message }, 'document left for full processing on a local instance');
      return { status: 'failed', reason };
    }
    await markFailed(deps.db, document.id, error.code, error.message);
    log.info({ code: error.code, reason: error.message }, 'document could not be processed');
    return { status: 'failed', reason: error.message };
  }
  log.error({ err: error, attempt: request.attempt }, 'processing failed unexpectedly');
  if (!request.finalAttempt) {
    await updateDocumentUnlessRejected(deps.db, document.id, { status: 'queued', errorReason: `attempt ${request.attempt + 1} failed; retrying` });
    throw error;
  }
  const reason = isAppError(error) ? (error as AppError).message : 'processing failed unexpectedly; the server log has the details';
  await markFailed(deps.db, document.id, isAppError(error) ? error.code : 'internal', `${reason} A moderator can reprocess it.`);
  return { status: 'failed', reason };
}

/** Basic (cloud) extraction ran out of its small time or memory budget: a local instance has more. */
function exceedsBasicBudget(mode: ProcessingMode, error: AppError): boolean {
  const reason = error.details?.reason;
  return mode === ProcessingMode.cloudSimple && (reason === UnreadableReason.outOfMemory || reason === UnreadableReason.timeout);
}

async function markFailed(db: HubDatabase, id: string, code: string, reason: string, extra: { needsFullProcessing?: boolean } = {}): Promise<void> {
  await updateDocumentUnlessRejected(db, id, { status: 'failed', errorCode: code, errorReason: reason, progress: null, ...extra });
}
