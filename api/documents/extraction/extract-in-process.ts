import { readFile } from 'node:fs/promises';
import { isAppError } from '../../errors/app-error.ts';
import { DocumentKind } from '../intake/document-kind.ts';
import { UnreadableReason, type ExtractedDocument, type ExtractionProgress } from './extracted-document.ts';
import type { ExtractionContext } from './extraction-context.ts';
import type { ChildJob } from './extraction-request.ts';
import type { OcrWorker } from './ocr/create-ocr-worker.ts';
import { unreadableDocument } from './unreadable-reason.ts';

async function readJobFile(filePath: string): Promise<Uint8Array> {
  try {
    const bytes = new Uint8Array(await readFile(filePath));
    if (bytes.length === 0) throw unreadableDocument(UnreadableReason.empty);
    return bytes;
  } catch (error) {
    if (isAppError(error)) throw error;
    throw unreadableDocument(UnreadableReason.damaged, { hint: 'the stored file could not be read' }, error);
  }
}

/** Each format's code is loaded only when needed: pdf.js alone is ~40 MB and 0.2 s of start-up. */
async function extractByKind(kind: DocumentKind, bytes: Uint8Array, context: ExtractionContext): Promise<ExtractedDocument> {
  switch (kind) {
    case DocumentKind.pdf:
      return (await import('./pdf/extract-pdf.ts')).extractPdf(bytes, context);
    case DocumentKind.image:
      return (await import('./ocr/extract-image.ts')).extractImage(bytes, context);
    case DocumentKind.office:
      return (await import('./office/extract-office.ts')).extractOffice(bytes, context);
    case DocumentKind.text:
    case DocumentKind.markdown:
    case DocumentKind.html:
      return (await import('./text/extract-text-document.ts')).extractTextDocument(bytes, kind, context);
    default:
      throw unreadableDocument(UnreadableReason.unsupportedType, { hint: `kind ${String(kind)}` });
  }
}

/**
 * Runs one extraction in the current process. Only the extraction child calls this: it has no time
 * or memory bounds of its own (those are the parent's job, see `extractDocument`).
 */
export async function extractInProcess(job: ChildJob, onProgress: (progress: ExtractionProgress) => void): Promise<ExtractedDocument> {
  let worker: Promise<OcrWorker> | undefined;
  const context: ExtractionContext = {
    fileType: job.fileType,
    mode: job.mode,
    limits: job.limits,
    libreOfficePath: job.libreOfficePath,
    scratchDirectory: job.scratchDirectory,
    progress: onProgress,
    ocrWorker: () => (worker ??= import('./ocr/create-ocr-worker.ts').then((module) => module.createOcrWorker(job.ocrLangs, job.scratchDirectory))),
  };
  try {
    const document = await extractByKind(job.kind, await readJobFile(job.filePath), context);
    // Nothing to read and nothing left for a local instance: the document would be an empty shell.
    if (document.markdown.trim() === '' && !document.needsFullProcessing) {
      throw unreadableDocument(UnreadableReason.empty, { hint: document.warnings.join('; ') || undefined });
    }
    return document;
  } finally {
    if (worker) await worker.then((started) => started.terminate()).catch(() => undefined);
  }
}
