import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { and, eq } from 'drizzle-orm';
import { ensureCommunity } from '../communities/ensure-community.ts';
import type { HubCore } from '../core/hub-core.ts';
import { communityUpdates, documents, faqEntries } from '../db/schema/index.ts';
import { findDocumentByHash, insertDocument } from '../documents/document-repository.ts';
import { writtenDocumentValues } from '../documents/written-document.ts';
import { AppError, ErrorCode } from '../errors/app-error.ts';
import { mirrorFaqEntry } from '../faq/mirror-faq-entry.ts';
import { JobName } from '../jobs/job-types.ts';
import { indexDocument } from '../rag/index-document.ts';
import { keyFor } from '../storage/raw-file-store.ts';
import { DataEntry, FILES_PREFIX, type ArchiveManifest, type ArchivedDocument, type ArchivedFaqEntry, type ArchivedUpdate } from './archive-manifest.ts';
import { readArchiveEntries } from './read-archive-entries.ts';
import { verifyArchive } from './verify-archive.ts';

export interface ImportResult {
  manifest: ArchiveManifest;
  files: number;
  documents: { added: number; alreadyHere: number };
  faq: { added: number; alreadyHere: number };
  updates: { added: number; alreadyHere: number };
}

/**
 * Adds an archive made by `exportKnowledge` to this hub, after `verifyArchive` checked every entry's
 * hash (a damaged or altered archive imports nothing). What is already here (same bytes in the same
 * community, same FAQ question, same update) is kept, so importing twice adds nothing. Ready documents
 * are indexed with this hub's embedding model; unfinished ones are queued; `community` puts
 * everything into that community instead of the archived ones.
 */
export async function importKnowledge(core: HubCore, input: { archivePath: string; community?: string }): Promise<ImportResult> {
  const manifest = await verifyArchive(input.archivePath);
  const result: ImportResult = { manifest, files: 0, documents: { added: 0, alreadyHere: 0 }, faq: { added: 0, alreadyHere: 0 }, updates: { added: 0, alreadyHere: 0 } };
  const communityId = async (slug: string | null) => {
    const target = input.community ?? slug;
    return target ? (await ensureCommunity(core.db, target)).id : null;
  };
  await readArchiveEntries(input.archivePath, async (name, content) => {
    if (name.startsWith(FILES_PREFIX)) {
      const staged = await core.files.stage(content);
      // Checked again while storing: the file may have changed on disk since the first pass.
      if (staged.sha256 !== name.slice(FILES_PREFIX.length)) {
        await staged.discard();
        throw new AppError(ErrorCode.invalidInput, `The archive changed while it was imported (${name}); import it again.`);
      }
      await staged.keep();
      result.files++;
    } else if (name === DataEntry.communities) {
      for await (const row of jsonLines<{ slug: string }>(content)) await communityId(row.slug);
    } else if (name === DataEntry.documents) {
      for await (const row of jsonLines<ArchivedDocument>(content)) countInto(result.documents, await importDocument(core, row, await communityId(row.community)));
    } else if (name === DataEntry.faq) {
      for await (const row of jsonLines<ArchivedFaqEntry>(content)) countInto(result.faq, await importFaqEntry(core, row, await communityId(row.community)));
    } else if (name === DataEntry.updates) {
      for await (const row of jsonLines<ArchivedUpdate>(content)) countInto(result.updates, await importUpdate(core, row, await communityId(row.community)));
    }
  });
  return result;
}

const countInto = (counts: { added: number; alreadyHere: number }, added: boolean) => (added ? counts.added++ : counts.alreadyHere++);

async function* jsonLines<Row>(content: Readable): AsyncGenerator<Row> {
  for await (const line of createInterface({ input: content, crlfDelay: Infinity })) if (line.trim()) yield JSON.parse(line) as Row;
}

/** Unfinished work is redone here; a document ready there is ready here once indexed. */
function importedStatus(status: string): typeof documents.$inferInsert.status {
  if (status === 'queued' || status === 'processing') return 'queued';
  return status as typeof documents.$inferInsert.status;
}

async function importDocument(core: HubCore, row: ArchivedDocument, communityId: string | null): Promise<boolean> {
  if (await findDocumentByHash(core.db, communityId, row.sha256)) return false;
  const [sameId] = await core.db.select({ id: documents.id }).from(documents).where(eq(documents.id, row.id));
  const date = (value: string | null) => (value ? new Date(value) : null);
  const inserted = await insertDocument(core.db, {
    ...(sameId ? {} : { id: row.id }),
    communityId, kind: 'file', filename: row.filename, title: row.title, category: row.category, tags: row.tags,
    fileType: row.fileType, mimeType: row.mimeType, sizeBytes: row.sizeBytes, sha256: row.sha256, rawFileKey: keyFor(row.sha256),
    status: importedStatus(row.status), errorCode: row.errorCode, errorReason: row.errorReason, uploadedVia: row.uploadedVia,
    needsFullProcessing: row.needsFullProcessing, processingMode: row.processingMode as typeof documents.$inferInsert.processingMode,
    processedAt: date(row.processedAt), content: row.content, sections: row.sections as typeof documents.$inferInsert.sections,
    metadata: { ...row.metadata, importedFrom: row.id }, pageCount: row.pageCount, language: row.language,
    approvedAt: date(row.approvedAt), approvedBy: row.approvedBy,
  });
  if (!inserted) return false;
  if (inserted.status === 'ready') await indexDocument(core.rag, { documentId: inserted.id });
  if (inserted.status === 'queued') await core.jobs.send(JobName.processDocument, { documentId: inserted.id }, { key: inserted.id });
  return true;
}

async function importFaqEntry(core: HubCore, row: ArchivedFaqEntry, communityId: string | null): Promise<boolean> {
  const sameCommunity = communityId ? eq(faqEntries.communityId, communityId) : undefined;
  const existing = await core.db.select({ id: faqEntries.id, communityId: faqEntries.communityId }).from(faqEntries).where(and(eq(faqEntries.question, row.question), sameCommunity));
  if (existing.some((entry) => entry.communityId === communityId)) return false;
  const [entry] = await core.db.insert(faqEntries).values({ communityId, question: row.question, answer: row.answer, createdBy: row.createdBy }).returning({ id: faqEntries.id });
  await mirrorFaqEntry(core, entry!.id);
  return true;
}

/** An archived update becomes searchable here; it is not sent to chats again. */
async function importUpdate(core: HubCore, row: ArchivedUpdate, communityId: string | null): Promise<boolean> {
  const publishedAt = row.publishedAt ? new Date(row.publishedAt) : new Date();
  const existing = await core.db.select({ communityId: communityUpdates.communityId }).from(communityUpdates).where(and(eq(communityUpdates.title, row.title), eq(communityUpdates.publishedAt, publishedAt)));
  if (existing.some((update) => update.communityId === communityId)) return false;
  const values = writtenDocumentValues(
    { kind: 'update', communityId, title: row.title, heading: row.title, body: row.body, filename: `update-${publishedAt.toISOString().slice(0, 10)}.md`, identity: publishedAt.toISOString(), writtenBy: row.publishedBy },
    publishedAt,
  );
  const [mirror] = await core.db.insert(documents).values({ ...values, metadata: { publishedAt: publishedAt.toISOString(), expiresAt: row.expiresAt } }).onConflictDoNothing().returning();
  await core.db.insert(communityUpdates).values({
    communityId, title: row.title, body: row.body, publishedBy: row.publishedBy, publishedAt, expiresAt: row.expiresAt ? new Date(row.expiresAt) : null,
    documentId: mirror?.id ?? null,
  });
  if (mirror) await indexDocument(core.rag, { documentId: mirror.id });
  return true;
}
