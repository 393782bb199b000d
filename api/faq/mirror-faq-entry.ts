import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { HubCore } from '../core/hub-core.ts';
import { documents, faqEntries } from '../db/schema/index.ts';
import { invalidInput, notFound } from '../errors/app-error.ts';
import { indexDocument } from '../rag/index-document.ts';

export type FaqEntryRow = typeof faqEntries.$inferSelect;

/**
 * Makes a curated question and answer searchable: the entry is mirrored as a document of kind `faq`
 * (created the first time, rewritten on every later save) and indexed, so retrieval ranks it with the
 * files and boosts it when it matches (rank-boost.ts). Call after each save of the entry.
 */
export async function mirrorFaqEntry(core: HubCore, entryId: string): Promise<FaqEntryRow> {
  const [entry] = await core.db.select().from(faqEntries).where(eq(faqEntries.id, entryId));
  if (!entry) throw notFound(`No FAQ entry with id ${entryId}.`);
  const question = entry.question.trim();
  const answer = entry.answer.trim();
  if (!question || !answer) throw invalidInput('An FAQ entry needs a question and an answer.');
  const markdown = `# ${question}\n\n${answer}`;
  const now = new Date();
  const fields = {
    communityId: entry.communityId,
    title: `FAQ: ${question}`,
    sizeBytes: Buffer.byteLength(markdown),
    // Unique per community like a file's hash; the entry id keeps two entries with the same text apart.
    sha256: createHash('sha256').update(`faq:${entry.id}:${markdown}`).digest('hex'),
    content: markdown,
    sections: [{ path: [question], level: 1, heading: question, pageStart: null, pageEnd: null, markdown: answer }],
    processedAt: now,
    updatedAt: now,
  };
  const documentId = entry.documentId ?? (await insertMirror(core, entry, fields));
  if (entry.documentId) await core.db.update(documents).set(fields).where(eq(documents.id, documentId));
  await indexDocument(core.rag, { documentId });
  const [mirrored] = await core.db.update(faqEntries).set({ documentId }).where(eq(faqEntries.id, entry.id)).returning();
  return mirrored!;
}

/** Deletes an entry and its searchable mirror (its chunks go with it). */
export async function deleteFaqEntry(core: HubCore, entryId: string): Promise<void> {
  const [entry] = await core.db.delete(faqEntries).where(eq(faqEntries.id, entryId)).returning();
  if (entry?.documentId) await core.db.delete(documents).where(eq(documents.id, entry.documentId));
}

async function insertMirror(core: HubCore, entry: FaqEntryRow, fields: Partial<typeof documents.$inferInsert>): Promise<string> {
  const [mirror] = await core.db
    .insert(documents)
    .values({
      ...fields,
      kind: 'faq',
      filename: `faq-${entry.id.slice(0, 8)}.md`,
      fileType: 'md',
      mimeType: 'text/markdown',
      sha256: fields.sha256!,
      sizeBytes: fields.sizeBytes!,
      rawFileKey: '',
      status: 'ready',
      uploadedVia: 'admin',
      approvedAt: new Date(),
      approvedBy: entry.createdBy,
    })
    .returning({ id: documents.id });
  return mirror!.id;
}
