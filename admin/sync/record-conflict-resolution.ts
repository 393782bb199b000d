import { and, eq } from 'drizzle-orm';
import type { HubDatabase } from '#api/db/database.ts';
import { syncConflicts } from '#api/db/schema/index.ts';
import { AppError, ErrorCode } from '#api/errors/app-error.ts';

export const ConflictResolution = {
  keepLocal: 'keep_local',
  takeRemote: 'take_remote',
} as const;
export type ConflictResolution = (typeof ConflictResolution)[keyof typeof ConflictResolution];

/**
 * Records a moderator's choice on an open sync conflict. It changes no synced data: applying the
 * choice is the sync loop's job (not built yet), which will read `resolution` from this row. Belongs in
 * api/sync once that exists; it lives here because the admin is its only caller today.
 */
export async function recordConflictResolution(db: HubDatabase, id: string, resolution: ConflictResolution, moderator: string): Promise<void> {
  const resolved = await db
    .update(syncConflicts)
    .set({ status: 'resolved', resolution, resolvedBy: moderator, resolvedAt: new Date() })
    .where(and(eq(syncConflicts.id, id), eq(syncConflicts.status, 'open')))
    .returning({ id: syncConflicts.id });
  if (resolved.length === 0) throw new AppError(ErrorCode.conflict, 'This conflict is already resolved (or no longer exists).');
}
