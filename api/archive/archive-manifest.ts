/**
 * A community's knowledge as one portable file: a gzip-compressed tar (open it with any `tar`) holding
 * JSON Lines for the rows, the raw files named by their SHA-256, and `manifest.json` last, which lists
 * every other entry with its SHA-256 and size. Import checks all of it before writing anything.
 */
export const ARCHIVE_FORMAT = 'community-resilience-hub-knowledge';
export const ARCHIVE_VERSION = 1;
export const MANIFEST_ENTRY = 'manifest.json';

export const DataEntry = {
  communities: 'data/communities.jsonl',
  documents: 'data/documents.jsonl',
  faq: 'data/faq.jsonl',
  updates: 'data/updates.jsonl',
} as const;

/** Raw files live under files/<sha256>: the name is the hash of the content. */
export const FILES_PREFIX = 'files/';

export interface ArchiveManifest {
  format: typeof ARCHIVE_FORMAT;
  version: number;
  createdAt: string;
  /** The community exported, or null for every community and the global documents. */
  community: string | null;
  counts: { communities: number; documents: number; files: number; faq: number; updates: number };
  entries: Record<string, { sha256: string; bytes: number }>;
}

export interface ArchivedCommunity {
  slug: string;
  name: string;
}

/** A file document as archived: what it is, what was extracted from it, and where its raw file is. */
export interface ArchivedDocument {
  id: string;
  community: string | null;
  filename: string;
  title: string | null;
  category: string | null;
  tags: string[];
  fileType: string;
  mimeType: string;
  sizeBytes: number;
  sha256: string;
  status: string;
  errorCode: string | null;
  errorReason: string | null;
  uploadedVia: string;
  needsFullProcessing: boolean;
  processingMode: string | null;
  processedAt: string | null;
  content: string | null;
  sections: unknown;
  metadata: Record<string, unknown>;
  pageCount: number | null;
  language: string | null;
  approvedAt: string | null;
  approvedBy: string | null;
  createdAt: string;
}

export interface ArchivedFaqEntry {
  community: string | null;
  question: string;
  answer: string;
  createdBy: string | null;
}

export interface ArchivedUpdate {
  community: string | null;
  title: string;
  body: string;
  publishedBy: string | null;
  publishedAt: string | null;
  expiresAt: string | null;
}
