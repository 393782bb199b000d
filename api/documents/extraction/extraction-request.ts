import type { DocumentKind } from '../intake/document-kind.ts';
import type { ExtractionProgress, ProcessingMode } from './extracted-document.ts';

/** Bounds for one document; every one is enforced, the time and memory ones by the parent process. */
export interface ExtractionLimits {
  maxPages: number;
  /** Largest image (declared or rendered) the OCR may decode, in pixels. */
  maxImagePixels: number;
  /** Largest total an office file may inflate to while it is parsed. */
  maxUnzippedBytes: number;
  /** Wall-clock limit for the whole document, conversion and OCR included. */
  timeoutMs: number;
  /** Resident memory limit of the extraction process and its children (LibreOffice), in MiB. */
  memoryMb: number;
}

const MEBIBYTE = 1024 * 1024;

/** Limits that fit a 2-core machine: a long report or a scanned booklet, not a whole library. */
export const defaultExtractionLimits: ExtractionLimits = Object.freeze({
  maxPages: 500,
  maxImagePixels: 60_000_000,
  maxUnzippedBytes: 200 * MEBIBYTE,
  timeoutMs: 10 * 60_000,
  memoryMb: 1024,
});

/** What the parent sends to the extraction child: everything except callbacks and signals. */
export interface ExtractionJob {
  filePath: string;
  fileType: string;
  kind: DocumentKind;
  mode: ProcessingMode;
  limits: ExtractionLimits;
  /** Tesseract language codes joined by "+", e.g. "eng+deu"; each needs its @tesseract.js-data package. */
  ocrLangs: string;
  libreOfficePath?: string;
}

/** What the child receives: the job plus a scratch directory its parent removes, even after a kill. */
export interface ChildJob extends ExtractionJob {
  scratchDirectory: string;
}

/**
 * The input of `extractDocument`: the job plus the caller's progress callback and cancellation. `kind`
 * may be left out when only the detected `fileType` was stored; it is derived from it.
 */
export interface ExtractDocumentInput extends Omit<ExtractionJob, 'kind'> {
  kind?: DocumentKind;
  onProgress?: (progress: ExtractionProgress) => void;
  signal?: AbortSignal;
}
