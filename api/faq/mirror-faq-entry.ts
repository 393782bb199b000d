import { eq } from 'drizzle-orm';
import type { HubCore } from '../core/hub-core.ts';
import { documents, faqEntries } from '../db/schema/index.ts';
import { writtenDocumentValues } from '../documents/written-document.ts';
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
  const values = writtenDocumentValues({
    kind: 'faq',
    communityId: entry.communityId,
    title: `FAQ: ${question}`,
    heading: question,
    body: answer,
    filename: `faq-${entry.id.slice(0, 8)}.md`,
    identity: entry.id,
    writtenBy: entry.createdBy,
  });
  let documentId = entry.documentId;
  if (documentId) {
    await core.db.update(documents).set(values).where(eq(documents.id, documentId));
  } else {
    [{ id: documentId }] = (await core.db.insert(documents).values(values).returning({ id: documents.id })) as [{ id: string }];
  }
  await indexDocument(core.rag, { documentId });
  const [mirrored] = await core.db.update(faqEntries).set({ documentId }).where(eq(faqEntries.id, entry.id)).returning();
  return mirrored!;
}

/** Deletes an entry and its searchable mirror (its chunks go with it). */
export async function deleteFaqEntry(core: HubCore, entryId: string): Promise<void> {
  const [entry] = await core.db.delete(faqEntries).where(eq(faqEntries.id, entryId)).returning();
  if (entry?.documentId) await core.db.delete(documents).where(eq(documents.id, entry.documentId));
}
