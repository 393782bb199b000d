import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allFixtures, insertFixture } from '../../test/fakes/fixture-documents.ts';
import { createTestCore } from '../../test/support/test-core.ts';
import { testEngine } from '../../test/support/test-database.ts';
import type { HubCore } from '../core/hub-core.ts';
import { chunks, communities, documents, faqEntries } from '../db/schema/index.ts';
import { answerQuestion } from '../rag/answer-question.ts';
import { indexDocument } from '../rag/index-document.ts';
import { deleteFaqEntry, mirrorFaqEntry } from './mirror-faq-entry.ts';

/** A moderator's curated answer must reach people the same way documents do: searched, cited, scoped. */
describe(`curated FAQ entries on ${testEngine}`, () => {
  let core: HubCore;
  let riverside: string;
  let hillside: string;

  beforeAll(async () => {
    core = await createTestCore({ LLM_PROVIDER: 'none' });
    const rows = await core.db.insert(communities).values([{ slug: 'riverside', name: 'Riverside' }, { slug: 'hillside', name: 'Hillside' }]).returning();
    [riverside, hillside] = rows.map((row) => row.id) as [string, string];
    for (const fixture of allFixtures) await indexDocument(core.rag, { documentId: await insertFixture(core.db, fixture) });
  });
  afterAll(async () => {
    await core?.close();
  });

  const addEntry = async (communityId: string | null, question: string, answer: string) => {
    const [entry] = await core.db.insert(faqEntries).values({ communityId, question, answer, createdBy: 'mod@example.org' }).returning();
    return mirrorFaqEntry(core, entry!.id);
  };
  const ask = (question: string, communityId: string | null) => answerQuestion(core.rag, { question, communityId, channel: 'api' });

  it('answers from a saved entry, cited first, within its community only', async () => {
    const entry = await addEntry(riverside, 'Where can I fill water containers during the outage?', 'At the fire station on Mill Road, 8:00-20:00 every day.');
    const answer = await ask('where can I get drinking water during the outage', riverside);
    expect(answer.citations[0]).toMatchObject({ documentId: entry.documentId, title: 'FAQ: Where can I fill water containers during the outage?' });
    expect(answer.answer).toContain('Mill Road');
    const elsewhere = await ask('where can I get drinking water during the outage', hillside);
    expect(elsewhere.citations.map((c) => c.documentId)).not.toContain(entry.documentId);
  });

  it('re-indexes the same mirror when the entry is edited, so the old answer is gone', async () => {
    const entry = await addEntry(null, 'Is the community shelter open?', 'Yes, the school gym on Oak Street is open as a shelter.');
    await core.db.update(faqEntries).set({ answer: 'Yes, the library on Elm Street is the shelter now.' }).where(eq(faqEntries.id, entry.id));
    const edited = await mirrorFaqEntry(core, entry.id);
    expect(edited.documentId).toBe(entry.documentId);
    const texts = (await core.db.select({ text: chunks.text }).from(chunks).where(eq(chunks.documentId, entry.documentId!))).map((row) => row.text).join(' ');
    expect(texts).toContain('Elm Street');
    expect(texts).not.toContain('Oak Street');
    expect((await ask('is the community shelter open', hillside)).citations[0]!.documentId).toBe(entry.documentId);
  });

  it('removes the entry from search when it is deleted', async () => {
    const entry = await addEntry(riverside, 'Who checks on elderly neighbours?', 'The Riverside volunteers call every morning at nine.');
    await deleteFaqEntry(core, entry.id);
    expect(await core.db.select().from(documents).where(eq(documents.id, entry.documentId!))).toHaveLength(0);
    const answer = await ask('who checks on elderly neighbours', riverside);
    expect(answer.citations.map((c) => c.documentId)).not.toContain(entry.documentId);
  });

  it('refuses an entry without an answer and leaves nothing searchable', async () => {
    const [entry] = await core.db.insert(faqEntries).values({ communityId: null, question: 'Empty?', answer: '   ' }).returning();
    await expect(mirrorFaqEntry(core, entry!.id)).rejects.toThrow(/needs a question and an answer/);
    const [row] = await core.db.select().from(faqEntries).where(eq(faqEntries.id, entry!.id));
    expect(row!.documentId).toBeNull();
  });
});
