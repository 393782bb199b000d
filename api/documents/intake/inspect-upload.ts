import { UnreadableReason } from '../extraction/extracted-document.ts';
import { formatBytes, unreadableDocument } from '../extraction/unreadable-reason.ts';
import { checkZipLimits } from './check-zip-limits.ts';
import { detectFileType } from './detect-file-type.ts';
import { DocumentKind, type DetectedFileType } from './document-kind.ts';
import { hashBytes } from './hash-bytes.ts';
import { readImageSize } from './read-image-size.ts';
import { sanitizeFilename } from './sanitize-filename.ts';
import type { UploadLimits } from './upload-limits.ts';

/** What the hub knows about an upload before parsing it. */
export interface InspectedUpload extends DetectedFileType {
  sha256: string;
  /** The claimed name made safe (no directories, no control characters), with its extension. */
  safeFilename: string;
  byteLength: number;
}

/** Formats stored as zip archives, checked for bombs before any parser runs. */
const ZIP_BASED_OFFICE_TYPES = new Set(['docx', 'pptx', 'xlsx', 'odt', 'odp', 'ods']);

async function checkContentLimits(bytes: Uint8Array, detected: DetectedFileType, limits: UploadLimits): Promise<void> {
  if (detected.kind === DocumentKind.office && ZIP_BASED_OFFICE_TYPES.has(detected.fileType)) {
    await checkZipLimits(bytes, limits);
  }
  if (detected.kind === DocumentKind.image) {
    const size = readImageSize(bytes, detected.fileType);
    if (!size || size.width === 0 || size.height === 0) throw unreadableDocument(UnreadableReason.damaged, { hint: 'unreadable image header' });
    const pixels = size.width * size.height;
    if (pixels > limits.maxImagePixels) {
      throw unreadableDocument(UnreadableReason.tooLarge, { limit: `${Math.round(limits.maxImagePixels / 1e6)} megapixels`, actual: `${size.width}x${size.height}` });
    }
  }
}

/**
 * Checks an upload before it is stored or parsed: size, real type from the bytes, zip-bomb and
 * image-size limits, hash and a safe name. Throws an AppError whose details carry an UnreadableReason.
 */
export async function inspectUpload(bytes: Uint8Array, claimedName: string, limits: UploadLimits): Promise<InspectedUpload> {
  if (bytes.length > limits.maxFileBytes) {
    throw unreadableDocument(UnreadableReason.tooLarge, { limit: formatBytes(limits.maxFileBytes), actual: formatBytes(bytes.length) });
  }
  const detected = await detectFileType(bytes, claimedName);
  await checkContentLimits(bytes, detected, limits);
  return { ...detected, sha256: hashBytes(bytes), safeFilename: sanitizeFilename(claimedName), byteLength: bytes.length };
}
