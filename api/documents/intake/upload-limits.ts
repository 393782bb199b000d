/** Limits checked on the raw bytes before any parser sees them. */
export interface UploadLimits {
  maxFileBytes: number;
  /** Sum of the declared uncompressed sizes of a zip-based office file. */
  maxUnzippedBytes: number;
  maxZipEntries: number;
  /** Uncompressed / compressed size of one zip entry; text compresses ~10x, bombs 1000x. */
  maxCompressionRatio: number;
  /** Width x height declared in an image header. */
  maxImagePixels: number;
}

const MEBIBYTE = 1024 * 1024;

/** Sensible defaults for a community hub: documents of tens of MB, photos of phones and scanners. */
export const defaultUploadLimits: UploadLimits = Object.freeze({
  maxFileBytes: 50 * MEBIBYTE,
  maxUnzippedBytes: 200 * MEBIBYTE,
  maxZipEntries: 5000,
  maxCompressionRatio: 200,
  maxImagePixels: 60_000_000,
});
