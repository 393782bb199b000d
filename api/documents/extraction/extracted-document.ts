/**
 * What every extractor produces, whatever the input format. The processing job stores `markdown` as the
 * document's `content`, `sections` as its `sections`, then chunks the sections for retrieval.
 */

export const ProcessingMode = {
  /** Cheap enough for a 512 MB cloud instance: pdf.js text, plain text, Markdown, HTML. */
  cloudSimple: 'cloud_simple',
  /** Local instances: OCR, office conversion, full section structure. */
  localFull: 'local_full',
} as const;
export type ProcessingMode = (typeof ProcessingMode)[keyof typeof ProcessingMode];

/** One heading and the Markdown body under it, with the pages it spans (1-based, null when unpaged). */
export interface DocumentSection {
  /** Heading path from the root, e.g. ["Water", "Disinfecting with bleach"]; [] for text before the first heading. */
  path: string[];
  /** 0 for the preamble before any heading, otherwise the heading level (1 = top). */
  level: number;
  heading: string;
  pageStart: number | null;
  pageEnd: number | null;
  /** The section's body as Markdown, without its heading line. Tables are pipe tables. */
  markdown: string;
}

export interface ExtractedDocument {
  /** The whole document as Markdown: headings, paragraphs, lists, pipe tables. */
  markdown: string;
  sections: DocumentSection[];
  pageCount: number | null;
  /** True when a cheaper mode left work for a local instance (scans, images, office files). */
  needsFullProcessing: boolean;
  processingMode: ProcessingMode;
  /** Document title when the file declares or clearly shows one. */
  title: string | null;
  /** ISO 639-1 guess of the main language, null when unsure. */
  language: string | null;
  /** Things a moderator may want to know that did not stop processing (e.g. "page 3 had no text"). */
  warnings: string[];
}

/** Why a file could not be read; each reason has a moderator-facing message in unreadable-reason.ts. */
export const UnreadableReason = {
  encrypted: 'encrypted',
  damaged: 'damaged',
  empty: 'empty',
  tooManyPages: 'too_many_pages',
  tooLarge: 'too_large',
  unsupportedType: 'unsupported_type',
  timeout: 'timeout',
  outOfMemory: 'out_of_memory',
  converterMissing: 'converter_missing',
} as const;
export type UnreadableReason = (typeof UnreadableReason)[keyof typeof UnreadableReason];

/** Progress that the queue, the chat adapters and `hub ingest` show. */
export interface ExtractionProgress {
  stage: 'detecting' | 'extracting' | 'ocr' | 'converting' | 'structuring' | 'chunking' | 'embedding' | 'done';
  /** 1-based page being worked on, when the stage is per page. */
  page?: number;
  pageCount?: number;
}
