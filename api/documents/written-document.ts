import { createHash } from 'node:crypto';
import type { documents } from '../db/schema/index.ts';

/** Text a moderator wrote in the panel (a community update, an FAQ entry), searchable like a file. */
export interface WrittenText {
  kind: 'update' | 'faq';
  communityId: string | null;
  title: string;
  /** The one section's heading; the body is its text. */
  heading: string;
  body: string;
  filename: string;
  /** Keeps two texts with the same words apart (documents are unique per community and hash). */
  identity: string;
  writtenBy: string | null;
}

type DocumentValues = typeof documents.$inferInsert;

/**
 * The document row that mirrors a written text: ready at once (nothing to extract), approved by who
 * wrote it, no raw file. Insert it, or update an existing mirror with it, then index it.
 */
export function writtenDocumentValues(text: WrittenText, now = new Date()): DocumentValues {
  const markdown = `# ${text.heading}\n\n${text.body}`;
  return {
    communityId: text.communityId,
    kind: text.kind,
    filename: text.filename,
    title: text.title,
    fileType: 'md',
    mimeType: 'text/markdown',
    sizeBytes: Buffer.byteLength(markdown),
    sha256: createHash('sha256').update(`${text.kind}:${text.identity}:${markdown}`).digest('hex'),
    rawFileKey: '',
    status: 'ready',
    uploadedVia: 'admin',
    approvedAt: now,
    approvedBy: text.writtenBy,
    content: markdown,
    sections: [{ path: [text.heading], level: 1, heading: text.heading, pageStart: null, pageEnd: null, markdown: text.body }],
    processedAt: now,
    updatedAt: now,
  };
}
