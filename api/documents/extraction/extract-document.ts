import { kindOfFileType } from '../intake/document-kind.ts';
import { createSlots, MAX_CONCURRENT_CONVERSIONS } from './child/conversion-slots.ts';
import { runExtractionChild } from './child/run-extraction-child.ts';
import { UnreadableReason, type ExtractedDocument } from './extracted-document.ts';
import { libreOfficeTargetFor } from './office/libreoffice-targets.ts';
import type { ExtractDocumentInput } from './extraction-request.ts';
import { unreadableDocument } from './unreadable-reason.ts';

export { checkExtractionTools } from './check-extraction-tools.ts';

const conversionSlots = createSlots(MAX_CONCURRENT_CONVERSIONS);

const needsLibreOffice = (input: ExtractDocumentInput) => libreOfficeTargetFor(input.fileType, input.mode) !== undefined;

/**
 * Extracts one stored file (already checked by `inspectUpload`) into Markdown and sections, in a
 * supervised child process with hard time and memory limits. Use it from the processing job.
 * Rejects with an AppError whose `details.reason` is an UnreadableReason, or with `signal.reason`.
 */
export async function extractDocument(input: ExtractDocumentInput): Promise<ExtractedDocument> {
  const { onProgress, signal, ...job } = input;
  const kind = job.kind ?? kindOfFileType(job.fileType);
  if (!kind) throw unreadableDocument(UnreadableReason.unsupportedType, { hint: `file type ${job.fileType}` });
  const release = needsLibreOffice(input) ? await conversionSlots.acquire(signal) : undefined;
  try {
    onProgress?.({ stage: 'detecting' });
    // 'done' is the caller's to report: chunking and embedding still follow.
    const run = await runExtractionChild({ ...job, kind }, { onProgress, signal });
    return run.document;
  } finally {
    release?.();
  }
}
