import path from 'node:path';
import { fileTypeFromBuffer } from 'file-type';
import { UnreadableReason } from '../extraction/extracted-document.ts';
import { unreadableDocument } from '../extraction/unreadable-reason.ts';
import { decodeTextSample, looksLikeText } from './decode-text.ts';
import { DocumentKind, imageMimeByType, officeMimeByType, type DetectedFileType } from './document-kind.ts';
import { identifyOleDocument, isOle2 } from './identify-ole-document.ts';
import { sniffTextFormat } from './sniff-text-format.ts';

/** file-type's extension for formats we read, mapped to our own file type. */
const FILE_TYPE_ALIASES: Readonly<Record<string, string>> = { jpeg: 'jpg', tiff: 'tif' };

function fromOle(bytes: Uint8Array): DetectedFileType {
  const application = identifyOleDocument(bytes);
  if (application === 'encrypted-ooxml') throw unreadableDocument(UnreadableReason.encrypted, { hint: 'password-protected Office file' });
  if (application === 'unknown') throw unreadableDocument(UnreadableReason.unsupportedType, { hint: 'unknown OLE2 compound file' });
  return { fileType: application, mimeType: officeMimeByType[application]!, kind: DocumentKind.office };
}

/**
 * The real type of a file from its bytes: magic numbers via file-type, OLE2 stream names for legacy
 * Office, and sniffing for text formats. The claimed name only separates Markdown/CSV from plain text.
 */
export async function detectFileType(bytes: Uint8Array, claimedName: string): Promise<DetectedFileType> {
  if (bytes.length === 0) throw unreadableDocument(UnreadableReason.empty, { hint: 'the upload has 0 bytes' });
  if (isOle2(bytes)) return fromOle(bytes);
  const detected = await fileTypeFromBuffer(bytes);
  const fileType = detected ? (FILE_TYPE_ALIASES[detected.ext] ?? detected.ext) : undefined;
  if (fileType === 'pdf') return { fileType, mimeType: 'application/pdf', kind: DocumentKind.pdf };
  if (fileType && imageMimeByType[fileType]) return { fileType, mimeType: imageMimeByType[fileType], kind: DocumentKind.image };
  if (fileType && officeMimeByType[fileType]) return { fileType, mimeType: officeMimeByType[fileType], kind: DocumentKind.office };
  if (!detected && looksLikeText(bytes)) {
    const claimedExtension = path.extname(claimedName).slice(1).toLowerCase();
    return sniffTextFormat(decodeTextSample(bytes), claimedExtension);
  }
  throw unreadableDocument(UnreadableReason.unsupportedType, { hint: detected ? `detected ${detected.mime}` : 'unknown binary format' });
}
