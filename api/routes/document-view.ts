import { z } from 'zod';
import { documentStatuses, processingModes } from '../db/schema/index.ts';
import type { DocumentRow } from '../documents/document-repository.ts';

const sectionView = z.object({
  path: z.array(z.string()),
  level: z.number(),
  heading: z.string(),
  pageStart: z.number().nullable(),
  pageEnd: z.number().nullable(),
  markdown: z.string(),
});

export const documentSummaryView = z.object({
  id: z.uuid(),
  filename: z.string(),
  title: z.string().nullable(),
  communityId: z.uuid().nullable(),
  fileType: z.string(),
  mimeType: z.string(),
  sizeBytes: z.number(),
  sha256: z.string(),
  status: z.enum(documentStatuses),
  approved: z.boolean(),
  processingMode: z.enum(processingModes).nullable(),
  needsFullProcessing: z.boolean(),
  pageCount: z.number().nullable(),
  progress: z.object({ stage: z.string(), page: z.number().optional(), pageCount: z.number().optional() }).nullable(),
  error: z.object({ code: z.string(), reason: z.string() }).nullable(),
  createdAt: z.string(),
  processedAt: z.string().nullable(),
});

export const documentView = documentSummaryView.extend({
  content: z.string().nullable(),
  sections: z.array(sectionView).nullable(),
  language: z.string().nullable(),
  warnings: z.array(z.string()),
});

export type DocumentSummaryView = z.infer<typeof documentSummaryView>;
export type DocumentView = z.infer<typeof documentView>;

export function toDocumentSummaryView(row: DocumentRow): DocumentSummaryView {
  return {
    id: row.id,
    filename: row.filename,
    title: row.title,
    communityId: row.communityId,
    fileType: row.fileType,
    mimeType: row.mimeType,
    sizeBytes: row.sizeBytes,
    sha256: row.sha256,
    status: row.status,
    approved: row.approvedAt !== null,
    processingMode: row.processingMode,
    needsFullProcessing: row.needsFullProcessing,
    pageCount: row.pageCount,
    progress: row.progress ?? null,
    error: row.errorReason ? { code: row.errorCode ?? 'unknown', reason: row.errorReason } : null,
    createdAt: row.createdAt.toISOString(),
    processedAt: row.processedAt?.toISOString() ?? null,
  };
}

export function toDocumentView(row: DocumentRow): DocumentView {
  const warnings = (row.metadata as { warnings?: unknown }).warnings;
  return {
    ...toDocumentSummaryView(row),
    content: row.content,
    sections: row.sections ?? null,
    language: row.language,
    warnings: Array.isArray(warnings) ? warnings.map(String) : [],
  };
}
