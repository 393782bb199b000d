import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allFixtures, insertFixture, waterDisinfection, type FixtureDocument } from '../../../test/fakes/fixture-documents.ts';
import { createTestRagServices } from '../../../test/fakes/rag-test-services.ts';
import { createTestDatabase, testEngine } from '../../../test/support/test-database.ts';
import type { DatabaseHandle } from '../../db/database.ts';
import { communities, communityUpdates } from '../../db/schema/index.ts';
import { indexDocument } from '../index-document.ts';
import type { RagServices } from '../rag-services.ts';
import { retrieveChunks } from './retrieve-chunks.ts';

const shelterNotice = (place: string): FixtureDocument => ({
  filename: `${place.toLowerCase()}-generator-notice.txt`,
  title: `${place} emergency shelter generator`,
  sections: [{ path: ['Generator safety'], level: 1, heading: 'Generator safety', pageStart: null, pageEnd: null,
    markdown: `The ${place} shelter runs its portable generator outdoors, at least 20 feet from doors and windows, because of carbon monoxide.` }],
});

describe(`retrieveChunks on ${testEngine}`, () => {
  let handle: DatabaseHandle;
  let services: RagServices;
  const ids: Record<string, string> = {};
  let riverside: string;
  let hilltop: string;

  beforeAll(async () => {
    handle = await createTestDatabase();
    services = await createTestRagServices(handle.db);
    const rows = await handle.db.insert(communities).values([{ slug: 'riverside', name: 'Riverside' }, { slug: 'hilltop', name: 'Hilltop' }]).returning();
    riverside = rows[0]!.id;
    hilltop = rows[1]!.id;
    for (const fixture of allFixtures) ids[fixture.filename] = await insertFixture(handle.db, fixture);
    ids.riverside = await insertFixture(handle.db, shelterNotice('Riverside'), { communityId: riverside });
    ids.unapproved = await insertFixture(handle.db, { ...waterDisinfection, filename: 'draft-bleach-dose.pdf' }, { approved: false });
    ids.rejected = await insertFixture(handle.db, { ...waterDisinfection, filename: 'rejected-bleach-dose.pdf' }, { status: 'rejected' });
    for (const id of Object.values(ids)) await indexDocument(services, { documentId: id });
  });
  afterAll(async () => {
    await handle?.close();
  });

  const ask = (question: string, communityId: string | null = null) => retrieveChunks(services, { question, communityId, k: 5 });

  it('puts the right passage first for a paraphrased question', async () => {
    const { chunks } = await ask('how do I make water from the tap safe to drink if I cannot boil it?');
    expect(chunks[0]!.filename).toBe('epa-emergency-disinfection-of-drinking-water.pdf');
    expect(chunks[0]!.sectionPath).toEqual(['Disinfecting with bleach']);
  });

  it('finds the dose table for the classic bleach question, with its page', async () => {
    const { chunks } = await ask('how much bleach per gallon of water');
    expect(chunks[0]!.text).toContain('| 1 gallon | 8 drops | 6 drops |');
    expect(chunks[0]!.pageEnd).toBe(2);
  });

  it('tolerates typos and everyday words', async () => {
    expect((await ask('how much bleech per galon')).chunks[0]!.filename).toBe('epa-emergency-disinfection-of-drinking-water.pdf');
    expect((await ask('where do we hide when a twister comes')).chunks[0]!.filename).toBe('fema-be-prepared-for-a-tornado.pdf');
    expect((await ask('leg cramps after working outside in hot weather')).chunks[0]!.filename).toBe('cdc-heat-related-illnesses.pdf');
  });

  it("never shows another community's document, and shows a community its own plus global ones", async () => {
    const question = 'where does the shelter run its generator? carbon monoxide';
    const fromHilltop = await ask(question, hilltop);
    const fromNowhere = await ask(question, null);
    const fromRiverside = await ask(question, riverside);
    for (const result of [fromHilltop, fromNowhere]) expect(result.chunks.map((c) => c.documentId)).not.toContain(ids.riverside);
    expect(fromRiverside.chunks[0]!.documentId).toBe(ids.riverside);
    expect(fromRiverside.chunks.some((c) => c.documentId !== ids.riverside)).toBe(true);
  });

  it('never cites unapproved or rejected documents, even when they match best', async () => {
    const { chunks } = await retrieveChunks(services, { question: 'bleach drops per gallon table', communityId: null, k: 20 });
    const cited = chunks.map((c) => c.documentId);
    expect(cited).toContain(ids['epa-emergency-disinfection-of-drinking-water.pdf']);
    expect(cited).not.toContain(ids.unapproved);
    expect(cited).not.toContain(ids.rejected);
  });

  it('counts the same text uploaded twice (global and community copy) once', async () => {
    const copy = await insertFixture(handle.db, floodCopy(), { communityId: riverside });
    await indexDocument(services, { documentId: copy });
    const { chunks } = await retrieveChunks(services, { question: 'how many inches of moving water knock you down', communityId: riverside, k: 10 });
    const texts = chunks.map((c) => c.text);
    expect(new Set(texts).size).toBe(texts.length);
  });

  it('ranks a curated FAQ answer first and hides expired community updates', async () => {
    const faq = await insertFixture(handle.db, {
      filename: 'faq-boil-notice.txt', title: 'FAQ: boil water notice',
      sections: [{ path: [], level: 0, heading: '', pageStart: null, pageEnd: null, markdown: 'Q: Is there a boil water notice in town?\nA: Yes. Boil tap water for one minute before drinking until the notice is lifted.' }],
    }, { kind: 'faq' });
    const expired = await insertFixture(handle.db, shelterNotice('Expired'), { kind: 'update' });
    await handle.db.insert(communityUpdates).values({ title: 'old', body: 'old', documentId: expired, publishedAt: new Date(Date.now() - 86_400_000 * 30), expiresAt: new Date(Date.now() - 86_400_000) });
    for (const id of [faq, expired]) await indexDocument(services, { documentId: id });
    expect((await ask('is there a boil water notice')).chunks[0]!.documentId).toBe(faq);
    expect((await ask('expired shelter generator carbon monoxide')).chunks.map((c) => c.documentId)).not.toContain(expired);
  });

  it('runs the vector and full-text arms on their own', async () => {
    const vector = await retrieveChunks(services, { question: 'bleach gallon drops', communityId: null, mode: 'vector' });
    const fullText = await retrieveChunks(services, { question: 'bleach gallon drops', communityId: null, mode: 'fulltext' });
    expect(vector.chunks[0]!.filename).toBe('epa-emergency-disinfection-of-drinking-water.pdf');
    expect(fullText.chunks[0]!.filename).toBe('epa-emergency-disinfection-of-drinking-water.pdf');
    expect(fullText.chunks.every((c) => c.matchedText)).toBe(true);
  });

  it('stores searchable chunks: model, dimension, text vector and community copy', async () => {
    const rows = (await handle.db.execute(sql`SELECT count(*)::int AS n FROM chunks WHERE tsv IS NULL OR embedding IS NULL OR embedding_dims IS NULL`)) as unknown as { rows: { n: number }[] };
    expect(Number(rows.rows[0]!.n)).toBe(0);
  });
});

function floodCopy(): FixtureDocument {
  return { ...allFixtures[1]!, filename: 'flood-copy.pdf' };
}
