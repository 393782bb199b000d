import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { queryRows, type HubDatabase } from '#api/db/database.ts';
import { communities, documents, faqEntries, members, questionLog, syncConflicts, syncLog, type DocumentStatus } from '#api/db/schema/index.ts';

export interface SeededRows {
  riverside: string;
  hillside: string;
  documentIds: Record<string, string>;
  memberId: string;
  conflictId: string;
  /** The FAQ entry the conflict is about: in use 'At the school.', the other version 'At the church.'. */
  conflictFaqId: string;
}

/** A file document row as an upload would leave it; the name decides the hash so rows stay unique. */
export function documentRow(filename: string, status: DocumentStatus, extra: Partial<typeof documents.$inferInsert> = {}) {
  const sha256 = createHash('sha256').update(filename).digest('hex');
  return { filename, status, fileType: 'txt', mimeType: 'text/plain', sizeBytes: filename.length, sha256, rawFileKey: sha256, ...extra };
}

/** A small, fixed data set: names with LIKE wildcards, known dates, both communities, each status once or more. */
export async function seedAdminRows(db: HubDatabase): Promise<SeededRows> {
  const [riverside, hillside] = await db
    .insert(communities)
    .values([
      { slug: 'riverside', name: 'Riverside' },
      { slug: 'hillside', name: 'Hillside' },
    ])
    .returning({ id: communities.id });
  const day = (n: number) => new Date(Date.UTC(2026, 0, n, 12));
  const rows = [
    documentRow('Water-Plan.txt', 'ready', { communityId: riverside!.id, createdAt: day(1), tags: ['water', 'storage'], metadata: { pages: 2 } }),
    documentRow('WATER storage.pdf', 'queued', { communityId: riverside!.id, createdAt: day(2), needsFullProcessing: true }),
    documentRow('100% shelter list.txt', 'pending_review', { communityId: hillside!.id, createdAt: day(3), content: 'Shelters open at night.' }),
    documentRow('100 shelters.txt', 'failed', { communityId: hillside!.id, createdAt: day(4), errorReason: 'unreadable' }),
    documentRow('first_aid.txt', 'ready', { createdAt: day(5), kind: 'faq' }),
    documentRow('firstXaid.txt', 'rejected', { createdAt: day(6) }),
    documentRow('back\\slash.txt', 'processing', { createdAt: day(7), pageCount: 3 }),
  ];
  const inserted = await db.insert(documents).values(rows).returning({ id: documents.id, filename: documents.filename });
  const [member] = await db
    .insert(members)
    .values({ communityId: riverside!.id, platform: 'telegram', platformUserId: '42', displayName: 'Ana' })
    .returning({ id: members.id });
  await db.insert(syncLog).values([
    { direction: 'pull', entityType: 'document', operation: 'insert', status: 'ok' },
    { direction: 'push', entityType: 'document', operation: 'update', status: 'conflict', detail: { reason: 'both changed' } },
  ]);
  await db.insert(questionLog).values([
    { channel: 'telegram', question: 'Where is water?', answer: 'At the school.', answered: true, provider: 'groq', feedback: 'helpful' },
    { channel: 'api', question: 'When is the bus?', answer: 'I do not know.', answered: false, provider: 'none', feedback: 'not_helpful' },
  ]);
  const conflict = await seedFaqConflict(db, riverside!.id);
  return {
    riverside: riverside!.id,
    hillside: hillside!.id,
    documentIds: Object.fromEntries(inserted.map((row) => [row.filename, row.id])),
    memberId: member!.id,
    conflictId: conflict.conflictId,
    conflictFaqId: conflict.faqId,
  };
}

/**
 * An open conflict as sync records one: a FAQ entry whose answer was changed on two instances; the
 * version in use is the row as it is, the other differs in its answer.
 */
async function seedFaqConflict(db: HubDatabase, communityId: string): Promise<{ conflictId: string; faqId: string }> {
  const [entry] = await db.insert(faqEntries).values({ communityId, question: 'Where is the shelter?', answer: 'At the school.' }).returning({ id: faqEntries.id });
  const [meta] = await queryRows<{ snapshot: Record<string, unknown>; version: Record<string, number>; generation: number; rev_hash: string; changed_by: string }>(
    db,
    sql`SELECT hub_sync_snapshot('faq_entry', ${entry!.id}) AS snapshot, version, generation, rev_hash, changed_by FROM sync_metadata WHERE entity_id = ${entry!.id}`,
  );
  const [conflict] = await db
    .insert(syncConflicts)
    .values({
      entityType: 'faq_entry',
      entityId: entry!.id,
      winnerVersion: { snapshot: meta!.snapshot, version: meta!.version, generation: meta!.generation, revHash: meta!.rev_hash, deleted: false, changedBy: meta!.changed_by },
      otherVersion: { snapshot: { ...meta!.snapshot, answer: 'At the church.' }, version: { other: 1 }, generation: 1, revHash: 'a'.repeat(32), deleted: false, changedBy: 'other' },
    })
    .returning({ id: syncConflicts.id });
  return { conflictId: conflict!.id, faqId: entry!.id };
}
