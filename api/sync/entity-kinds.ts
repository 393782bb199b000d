/**
 * What replicates between instances, in the order a batch is applied: what a row belongs to comes
 * before the row (a community before its documents, a document before its content). The database side
 * (snapshots, change capture, applying) is in migration 0005_sync-change-capture.sql.
 */
export const entityKinds = [
  'community',
  'community_chat',
  'member',
  'document',
  'document_content',
  'community_update',
  'faq_entry',
  /** Only where SYNC_QUESTION_LOG allows: the log normally stays where the question was asked. */
  'question',
  'conflict',
] as const;
export type EntityKind = (typeof entityKinds)[number];

const applyRank = new Map<string, number>(entityKinds.map((kind, index) => [kind, index]));

/** Sorts changes so parents are applied before their children; deletions of parents go last. */
export function byApplyOrder(a: { type: string; deleted: boolean }, b: { type: string; deleted: boolean }): number {
  if (a.deleted !== b.deleted) return a.deleted ? 1 : -1;
  const rank = (applyRank.get(a.type) ?? 99) - (applyRank.get(b.type) ?? 99);
  return a.deleted ? -rank : rank;
}

export function isEntityKind(value: string): value is EntityKind {
  return applyRank.has(value);
}
