import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testEngine } from '../../test/support/test-database.ts';
import { queryRows, type DatabaseHandle, type HubDatabase } from '../db/database.ts';
import { communities, communityUpdates, documents, faqEntries, questionLog, syncConflicts, syncMetadata } from '../db/schema/index.ts';
import { applyChanges } from './apply-changes.ts';
import { syncChangeSchema } from './sync-change.ts';
import { readChangeFeed } from './read-change-feed.ts';
import { readInstanceId } from './instance-id.ts';

/** Everything one instance changed since `after`, applied on another, as a pull would. */
async function copyChanges(from: HubDatabase, to: HubDatabase, after = 0) {
  const fromId = await readInstanceId(from);
  const page = await readChangeFeed(from, { after, limit: 1000, maxBytes: 10_000_000, reader: await readInstanceId(to), shareQuestions: false });
  return applyChanges(to, page.changes.map((change) => ({ change, from: fromId })));
}

async function snapshotsOf(db: HubDatabase): Promise<Record<string, unknown>> {
  const rows = await queryRows<{ entity_type: string; entity_id: string; snapshot: unknown; rev_hash: string; deleted: boolean }>(
    db,
    sql`SELECT entity_type, entity_id, rev_hash, deleted, hub_sync_snapshot(entity_type, entity_id) AS snapshot FROM sync_metadata WHERE entity_type <> 'conflict'`,
  );
  return Object.fromEntries(rows.map((r) => [`${r.entity_type}:${r.entity_id}`, { hash: r.rev_hash, deleted: r.deleted, snapshot: r.snapshot }]));
}

describe(`change capture and applying on ${testEngine}`, () => {
  let a: DatabaseHandle;
  let b: DatabaseHandle;

  beforeAll(async () => {
    [a, b] = await Promise.all([createTestDatabase(), createTestDatabase()]);
  }, 120_000);
  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
  });

  it('gives each database its own instance id', async () => {
    expect(await readInstanceId(a.db)).not.toBe(await readInstanceId(b.db));
    expect(await readInstanceId(a.db)).toBe(await readInstanceId(a.db));
  });

  it('records a version for each change in the same transaction, and none for a rolled-back one', async () => {
    const [community] = await a.db.insert(communities).values({ slug: 'riverside', name: 'Riverside' }).returning();
    await expect(
      a.db.transaction(async (tx) => {
        await tx.insert(communities).values({ slug: 'doomed', name: 'Doomed' });
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    const metas = await a.db.select().from(syncMetadata);
    expect(metas.map((m) => m.entityId)).toEqual([community!.id]);
    await a.db.update(communities).set({ name: 'Riverside North' }).where(eq(communities.id, community!.id));
    await a.db.update(communities).set({ name: 'Riverside North' }).where(eq(communities.id, community!.id));
    const [meta] = await a.db.select().from(syncMetadata).where(eq(syncMetadata.entityId, community!.id));
    expect(meta).toMatchObject({ generation: 2, deleted: false, version: { [await readInstanceId(a.db)]: 2 } });
  });

  it('copies communities, documents, FAQ entries and updates to another instance with identical versions', async () => {
    const [community] = await a.db.select().from(communities).where(eq(communities.slug, 'riverside'));
    await a.db.insert(documents).values({
      communityId: community!.id, filename: 'flood.pdf', fileType: 'pdf', mimeType: 'application/pdf', sizeBytes: 10, sha256: 'a'.repeat(64),
      rawFileKey: `aa/aa/${'a'.repeat(64)}`, status: 'ready', content: '# Flood\n\nMove up.', sections: [], processedAt: new Date(), processingMode: 'cloud_simple',
      tags: ['flood', 'water'], metadata: { uploadedAs: 'flood.pdf', warnings: ['page 2 empty'] },
    });
    await a.db.insert(faqEntries).values({ communityId: community!.id, question: 'Where is the shelter?', answer: 'At the school.' });
    await a.db.insert(communityUpdates).values({ communityId: null, title: 'Boil water', body: 'Until Friday.', publishedAt: new Date() });
    const outcome = await copyChanges(a.db, b.db);
    expect(outcome.parked).toEqual([]);
    expect(outcome.applied).toHaveLength(5);
    expect(await snapshotsOf(b.db)).toEqual(await snapshotsOf(a.db));
    const [copy] = await b.db.select().from(documents).where(eq(documents.filename, 'flood.pdf'));
    expect(copy).toMatchObject({ status: 'ready', tags: ['flood', 'water'], content: '# Flood\n\nMove up.', metadata: { uploadedAs: 'flood.pdf', warnings: ['page 2 empty'] } });
  });

  it('applies the same changes twice without effect', async () => {
    const again = await copyChanges(a.db, b.db);
    expect(again.applied).toEqual([]);
    expect(again.alreadyApplied).toHaveLength(5);
  });

  it('does not send a version back to the instance it came from', async () => {
    const page = await readChangeFeed(b.db, { after: 0, limit: 100, maxBytes: 1e7, reader: await readInstanceId(a.db), shareQuestions: false });
    expect(page.changes).toEqual([]);
    expect(page.nextCursor).toBeGreaterThan(0);
  });

  it('turns edits on both sides into one conflict with the same provisional winner on each', async () => {
    const [entry] = await a.db.select().from(faqEntries);
    const cursorA = Number((await queryRows<{ s: string }>(a.db, sql`SELECT coalesce(max(seq), 0) AS s FROM sync_metadata`))[0]!.s);
    const cursorB = Number((await queryRows<{ s: string }>(b.db, sql`SELECT coalesce(max(seq), 0) AS s FROM sync_metadata`))[0]!.s);
    await a.db.update(faqEntries).set({ answer: 'At the school gym.' }).where(eq(faqEntries.id, entry!.id));
    await b.db.update(faqEntries).set({ answer: 'At the library.' }).where(eq(faqEntries.id, entry!.id));
    const atB = await copyChanges(a.db, b.db, cursorA);
    const atA = await copyChanges(b.db, a.db, cursorB);
    // B detects it; A receives B's merged version (a fast-forward) together with the conflict row.
    expect(atB.conflicts).toHaveLength(1);
    expect(atA.conflicts).toEqual([]);
    const idsA = (await a.db.select({ id: syncConflicts.id }).from(syncConflicts)).map((r) => r.id);
    const idsB = (await b.db.select({ id: syncConflicts.id }).from(syncConflicts)).map((r) => r.id);
    expect(idsA).toEqual([atB.conflicts[0]!.conflictId]);
    expect(idsB).toEqual(idsA);
    const [answerA] = await a.db.select({ answer: faqEntries.answer }).from(faqEntries).where(eq(faqEntries.id, entry!.id));
    const [answerB] = await b.db.select({ answer: faqEntries.answer }).from(faqEntries).where(eq(faqEntries.id, entry!.id));
    expect(answerA).toEqual(answerB);
    const [conflict] = await a.db.select().from(syncConflicts);
    expect([conflict!.winnerVersion.snapshot?.answer, conflict!.otherVersion.snapshot?.answer].sort()).toEqual(['At the library.', 'At the school gym.']);
    expect(conflict!.winnerVersion.snapshot?.answer).toBe(answerA!.answer);
  });

  it('parks a document whose community has not arrived and applies it when it does', async () => {
    const [community] = await a.db.insert(communities).values({ slug: 'hillside', name: 'Hillside' }).returning();
    await a.db.insert(faqEntries).values({ communityId: community!.id, question: 'Q?', answer: 'A.' });
    const page = await readChangeFeed(a.db, { after: 0, limit: 1000, maxBytes: 1e7, shareQuestions: false });
    const fromA = await readInstanceId(a.db);
    const faqChange = page.changes.filter((c) => c.type === 'faq_entry' && c.snapshot?.community_id === community!.id);
    const first = await applyChanges(b.db, faqChange.map((change) => ({ change, from: fromA })));
    expect(first.parked).toHaveLength(1);
    const communityChange = page.changes.filter((c) => c.id === community!.id);
    await applyChanges(b.db, communityChange.map((change) => ({ change, from: fromA })));
    const inbox = await queryRows<{ n: number }>(b.db, sql`SELECT count(*)::int AS n FROM sync_inbox`);
    expect(inbox[0]!.n).toBe(1);
  });

  it('relays changes between two local instances through the cloud', async () => {
    const second = await createTestDatabase();
    try {
      // a: one local instance, b: the cloud, second: another local instance; locals only talk to the cloud.
      const [entry] = await a.db.insert(faqEntries).values({ question: 'Where is the radio?', answer: 'In the hall cupboard.' }).returning();
      await copyChanges(a.db, b.db);
      await copyChanges(b.db, second.db);
      await second.db.update(faqEntries).set({ answer: 'In the kitchen now.' }).where(eq(faqEntries.id, entry!.id));
      await copyChanges(second.db, b.db);
      await copyChanges(b.db, a.db);
      const [onA] = await a.db.select({ answer: faqEntries.answer }).from(faqEntries).where(eq(faqEntries.id, entry!.id));
      expect(onA!.answer).toBe('In the kitchen now.');
      const versions = await Promise.all([a.db, b.db, second.db].map(async (db) => (await db.select().from(syncMetadata).where(eq(syncMetadata.entityId, entry!.id)))[0]!.version));
      expect(versions[0]).toEqual(versions[2]);
      expect(versions[1]).toEqual(versions[2]);
    } finally {
      await second.close();
    }
  }, 120_000);

  it('keeps the question log where it was asked unless sharing it is allowed, and then never who asked', async () => {
    await a.db.insert(questionLog).values({ channel: 'telegram', chatId: '-100123', askerId: '4242', question: 'Is the bridge open?', answer: 'Yes.', answered: true, provider: 'extractive' });
    const kept = await readChangeFeed(a.db, { after: 0, limit: 1000, maxBytes: 1e7, shareQuestions: false });
    expect(kept.changes.filter((c) => c.type === 'question')).toEqual([]);
    const shared = await readChangeFeed(a.db, { after: 0, limit: 1000, maxBytes: 1e7, shareQuestions: true });
    const questions = shared.changes.filter((c) => c.type === 'question');
    expect(questions).toHaveLength(1);
    expect(JSON.stringify(questions[0]!.snapshot)).not.toMatch(/4242|-100123/);
    await applyChanges(b.db, questions.map((change) => ({ change, from: 'a' })));
    const [copy] = await b.db.select().from(questionLog).where(eq(questionLog.question, 'Is the bridge open?'));
    expect(copy).toMatchObject({ channel: 'telegram', answered: true, chatId: null, askerId: null });
  });

  it('keeps an update deleted with its community by an instance that never saw it as a conflict, with an id fit for the wire', async () => {
    const [community] = await a.db.insert(communities).values({ slug: 'hilltop', name: 'Hilltop' }).returning();
    await copyChanges(a.db, b.db);
    const [update] = await b.db.insert(communityUpdates).values({ communityId: community!.id, title: 'Road closed', body: 'Use the east road.' }).returning();
    await a.db.delete(communities).where(eq(communities.id, community!.id));
    await copyChanges(a.db, b.db);
    const conflicts = await b.db.select().from(syncConflicts).where(eq(syncConflicts.entityId, update!.id));
    expect(conflicts).toHaveLength(1);
    expect(conflicts[0]!.otherVersion).toMatchObject({ deleted: false, snapshot: { title: 'Road closed' } });
    // The conflict itself travels: its id must pass the same validation as every change on the wire.
    const feed = await readChangeFeed(b.db, { after: 0, limit: 1000, maxBytes: 1e7, shareQuestions: false });
    const conflictChange = feed.changes.find((change) => change.type === 'conflict' && change.id === conflicts[0]!.id);
    expect(syncChangeSchema.safeParse(conflictChange).success).toBe(true);
  });
});
