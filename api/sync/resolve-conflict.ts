import { eq, sql } from 'drizzle-orm';
import type { HubDatabase } from '../db/database.ts';
import { syncConflicts } from '../db/schema/index.ts';
import { AppError, ErrorCode, invalidInput, notFound } from '../errors/app-error.ts';
import { isUuid } from '../documents/document-repository.ts';
import { FEED_LOCK } from './feed-lock.ts';

/** What a moderator decided: the version applied provisionally, the other one, or an edit of the winner. */
export type ConflictChoice = { keep: 'winner' } | { keep: 'other' } | { edited: Record<string, unknown> };

export const ConflictResolution = { keepWinner: 'keep_winner', keepOther: 'keep_other', edited: 'edited' } as const;

/**
 * Settles an open conflict. Keeping the other version or an edit writes it as a new change of this
 * instance, which outranks both versions and syncs everywhere; the resolved conflict row syncs too.
 * Keeping the winner changes no data (every instance already shows it).
 */
export async function resolveConflict(db: HubDatabase, conflictId: string, choice: ConflictChoice, moderator: string): Promise<void> {
  if (!isUuid(conflictId)) throw notFound(`No conflict with id ${conflictId}.`);
  await db.transaction(async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(${FEED_LOCK})`);
    const [conflict] = await tx.select().from(syncConflicts).where(eq(syncConflicts.id, conflictId)).for('update');
    if (!conflict) throw notFound(`No conflict with id ${conflictId}.`);
    if (conflict.status !== 'open') throw new AppError(ErrorCode.conflict, 'This conflict is already resolved.');
    if ('edited' in choice) {
      const base = conflict.winnerVersion.snapshot ?? conflict.otherVersion.snapshot;
      if (!base) throw invalidInput('Both versions are deletions: there is nothing to edit.');
      const unknown = Object.keys(choice.edited).filter((field) => !(field in base));
      if (unknown.length > 0) throw invalidInput(`Not fields of this ${conflict.entityType}: ${unknown.join(', ')}.`);
      await writeAsLocalChange(tx, conflict.entityType, conflict.entityId, { ...base, ...choice.edited });
    } else if (choice.keep === 'other') {
      await writeAsLocalChange(tx, conflict.entityType, conflict.entityId, conflict.otherVersion.deleted ? null : conflict.otherVersion.snapshot);
    }
    const resolution = 'edited' in choice ? ConflictResolution.edited : choice.keep === 'other' ? ConflictResolution.keepOther : ConflictResolution.keepWinner;
    await tx.update(syncConflicts).set({ status: 'resolved', resolution, resolvedBy: moderator, resolvedAt: new Date() }).where(eq(syncConflicts.id, conflictId));
  });
}

/** Writes a whole version into its row and records it as this instance's change (it then syncs). */
async function writeAsLocalChange(tx: HubDatabase, type: string, id: string, snapshot: Record<string, unknown> | null): Promise<void> {
  const deleted = snapshot === null;
  await tx.execute(sql`
    SELECT hub_sync_apply_row(${type}, ${id}, ${JSON.stringify(snapshot)}::jsonb, ${deleted},
                              (SELECT origin_instance FROM sync_metadata WHERE entity_type = ${type} AND entity_id = ${id}), NULL)`);
  await tx.execute(sql`SELECT hub_sync_note_local_change(${type}, ${id}, ${deleted})`);
}
