import yauzl from 'yauzl';
import { UnreadableReason } from '../extraction/extracted-document.ts';
import { formatBytes, unreadableDocument } from '../extraction/unreadable-reason.ts';
import type { UploadLimits } from './upload-limits.ts';

/** Entries smaller than this may compress as well as they like (repetitive XML does). */
const RATIO_CHECK_MIN_BYTES = 1024 * 1024;

export interface ZipTotals {
  entryCount: number;
  uncompressedBytes: number;
}

function openZip(bytes: Uint8Array): Promise<yauzl.ZipFile> {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(buffer, { lazyEntries: true }, (error, zip) => (error ? reject(error) : resolve(zip)));
  });
}

function sumEntries(zip: yauzl.ZipFile, limits: UploadLimits): Promise<ZipTotals> {
  return new Promise((resolve, reject) => {
    let uncompressedBytes = 0;
    const fail = (error: Error) => {
      zip.close();
      reject(error);
    };
    zip.on('entry', (entry: yauzl.Entry) => {
      uncompressedBytes += entry.uncompressedSize;
      const ratio = entry.uncompressedSize / Math.max(1, entry.compressedSize);
      if (uncompressedBytes > limits.maxUnzippedBytes) {
        fail(unreadableDocument(UnreadableReason.tooLarge, { limit: `${formatBytes(limits.maxUnzippedBytes)} unpacked`, hint: 'the archive inside the file unpacks to more' }));
      } else if (entry.uncompressedSize > RATIO_CHECK_MIN_BYTES && ratio > limits.maxCompressionRatio) {
        fail(unreadableDocument(UnreadableReason.tooLarge, { limit: `compression ratio ${limits.maxCompressionRatio}`, actual: `ratio ${Math.round(ratio)}`, hint: 'a decompression bomb or a damaged archive' }));
      } else {
        zip.readEntry();
      }
    });
    zip.on('end', () => resolve({ entryCount: zip.entryCount, uncompressedBytes }));
    zip.on('error', (error: Error) => fail(unreadableDocument(UnreadableReason.damaged, {}, error)));
    zip.readEntry();
  });
}

/**
 * Rejects a zip-based office file whose central directory declares too many entries, too many
 * unpacked bytes or a bomb-like compression ratio, without inflating anything. The extraction child
 * enforces the same byte limit while it inflates, in case the directory lies.
 */
export async function checkZipLimits(bytes: Uint8Array, limits: UploadLimits): Promise<ZipTotals> {
  let zip: yauzl.ZipFile;
  try {
    zip = await openZip(bytes);
  } catch (error) {
    throw unreadableDocument(UnreadableReason.damaged, {}, error);
  }
  if (zip.entryCount > limits.maxZipEntries) {
    zip.close();
    throw unreadableDocument(UnreadableReason.tooLarge, { limit: `${limits.maxZipEntries} archive entries`, actual: zip.entryCount });
  }
  return sumEntries(zip, limits);
}
