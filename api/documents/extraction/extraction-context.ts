import type { ExtractionProgress, ProcessingMode } from './extracted-document.ts';
import type { ExtractionLimits } from './extraction-request.ts';
import type { OcrWorker } from './ocr/create-ocr-worker.ts';

/** What every format extractor receives inside the extraction child. */
export interface ExtractionContext {
  fileType: string;
  mode: ProcessingMode;
  limits: ExtractionLimits;
  libreOfficePath?: string;
  /** Where temporary files go; the parent deletes it when the child ends, however it ends. */
  scratchDirectory: string;
  progress(progress: ExtractionProgress): void;
  /** The document's OCR worker, started on first use and reused for every page. */
  ocrWorker(): Promise<OcrWorker>;
}
