import { eq, sql } from 'drizzle-orm';
import type { HubDatabase } from '../db/database.ts';
import { syncState } from '../db/schema/index.ts';
import type { SyncMode } from './sync-status.ts';

/** What the sync worker remembers between rounds (key `status` of sync_state). */
export interface StoredSyncStatus {
  mode: SyncMode;
  /** When the current mode began (a mode change is logged once, then not again every round). */
  modeSince: string | null;
  serverUrl: string | null;
  serverInstanceId: string | null;
  lastSuccessAt: string | null;
  lastAttemptAt: string | null;
  lastError: string | null;
  /** Failed rounds in a row: the retry delay grows with it. */
  failures: number;
  /** Server changes not pulled yet, as the server said at the end of the last round. */
  pendingPull: number | null;
}

export const initialSyncStatus: StoredSyncStatus = {
  mode: 'standalone',
  modeSince: null,
  serverUrl: null,
  serverInstanceId: null,
  lastSuccessAt: null,
  lastAttemptAt: null,
  lastError: null,
  failures: 0,
  pendingPull: null,
};

export async function readStoredStatus(db: HubDatabase): Promise<StoredSyncStatus> {
  const [row] = await db.select({ value: syncState.value }).from(syncState).where(eq(syncState.key, 'status'));
  return { ...initialSyncStatus, ...((row?.value as Partial<StoredSyncStatus> | undefined) ?? {}) };
}

export async function writeStoredStatus(db: HubDatabase, status: StoredSyncStatus): Promise<void> {
  await writeState(db, 'status', status);
}

/** Feed positions acknowledged with one server: what we pulled from it and what it took from us. */
export type CursorName = `pull:${string}` | `push:${string}`;

export async function readCursor(db: HubDatabase, name: CursorName): Promise<number> {
  const [row] = await db.select({ value: syncState.value }).from(syncState).where(eq(syncState.key, name));
  return typeof row?.value === 'number' ? row.value : 0;
}

/** Written in the same transaction as what it acknowledges, so a crash never skips or repeats a batch's effect. */
export async function writeCursor(db: HubDatabase, name: CursorName, value: number): Promise<void> {
  await writeState(db, name, value);
}

async function writeState(db: HubDatabase, key: string, value: unknown): Promise<void> {
  await db
    .insert(syncState)
    .values({ key, value: sql`${JSON.stringify(value)}::jsonb` })
    .onConflictDoUpdate({ target: syncState.key, set: { value: sql`excluded.value`, updatedAt: new Date() } });
}
