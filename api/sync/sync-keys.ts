import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { HubDatabase } from '../db/database.ts';
import { syncKeys } from '../db/schema/index.ts';
import { AppError, ErrorCode, invalidInput, notFound } from '../errors/app-error.ts';
import { isUuid } from '../documents/document-repository.ts';

/** `hubsync_<key id without dashes>_<secret>`: the id finds the row, only the secret's hash is stored. */
const KEY_FORMAT = /^hubsync_([0-9a-f]{32})_([A-Za-z0-9_-]{43})$/;
const SECRET_BYTES = 32;
/** `last_used_at` is for people ("used an hour ago"): rewriting it on every request of a round is waste. */
const LAST_USED_RESOLUTION_MS = 60_000;

export interface CreatedSyncKey {
  id: string;
  name: string;
  /** Shown once: only its hash is kept. */
  key: string;
}

export interface SyncKeyView {
  id: string;
  name: string;
  instanceId: string | null;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

/** A new key for one local instance to sync with this one (`hub sync-key create`). */
export async function createSyncKey(db: HubDatabase, name: string): Promise<CreatedSyncKey> {
  const trimmed = name.trim();
  if (!trimmed || trimmed.length > 100) throw invalidInput('A sync key needs a name of 1-100 characters (e.g. the place of the local instance).');
  const secret = randomBytes(SECRET_BYTES).toString('base64url');
  const [row] = await db.insert(syncKeys).values({ name: trimmed, secretHash: hashSecret(secret) }).returning({ id: syncKeys.id });
  return { id: row!.id, name: trimmed, key: `hubsync_${row!.id.replaceAll('-', '')}_${secret}` };
}

export async function listSyncKeys(db: HubDatabase): Promise<SyncKeyView[]> {
  return db
    .select({ id: syncKeys.id, name: syncKeys.name, instanceId: syncKeys.instanceId, createdAt: syncKeys.createdAt, lastUsedAt: syncKeys.lastUsedAt, revokedAt: syncKeys.revokedAt })
    .from(syncKeys)
    .orderBy(asc(syncKeys.createdAt));
}

/** Refuses the key from now on; the instance using it gets 401 at its next request. */
export async function revokeSyncKey(db: HubDatabase, id: string): Promise<SyncKeyView> {
  if (!isUuid(id)) throw notFound(`No sync key with id ${id} (see \`hub sync-key list\`).`);
  const [row] = await db.update(syncKeys).set({ revokedAt: sql`coalesce(${syncKeys.revokedAt}, now())` }).where(eq(syncKeys.id, id)).returning();
  if (!row) throw notFound(`No sync key with id ${id} (see \`hub sync-key list\`).`);
  return row;
}

export interface VerifiedSyncKey {
  keyId: string;
  name: string;
}

/** A hash compared when the key id is unknown, so a wrong id costs the same time as a wrong secret. */
const DECOY_HASH = hashSecret('decoy');

/**
 * The key's identity when `presented` is a valid, unrevoked key and `instanceId` is the instance it is
 * bound to (the first instance to use a key binds it). Null otherwise, whatever the reason: callers
 * answer 401 without saying which part was wrong.
 */
export async function verifySyncKey(db: HubDatabase, presented: string, instanceId: string): Promise<VerifiedSyncKey | null> {
  const match = KEY_FORMAT.exec(presented);
  const id = match ? formatUuid(match[1]!) : null;
  const [row] = id ? await db.select().from(syncKeys).where(eq(syncKeys.id, id)) : [];
  const secretMatches = constantTimeEqual(hashSecret(match?.[2] ?? ''), row?.secretHash ?? DECOY_HASH);
  if (!row || !secretMatches || row.revokedAt) return null;
  if (row.instanceId && row.instanceId !== instanceId) return null;
  if (!row.instanceId) {
    const bound = await db
      .update(syncKeys)
      .set({ instanceId, lastUsedAt: new Date() })
      .where(and(eq(syncKeys.id, row.id), isNull(syncKeys.instanceId)))
      .returning({ id: syncKeys.id });
    // Two instances racing for a fresh key: only the first one binds it.
    if (bound.length === 0) return verifySyncKey(db, presented, instanceId);
  } else if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
    await db.update(syncKeys).set({ lastUsedAt: new Date() }).where(eq(syncKeys.id, row.id));
  }
  return { keyId: row.id, name: row.name };
}

/** Throws the one answer every failed sync authentication gets. */
export function syncKeyRefused(): AppError {
  return new AppError(ErrorCode.unauthorized, 'A valid sync key is required.');
}

function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

function constantTimeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a, 'hex');
  const right = Buffer.from(b, 'hex');
  return left.length === right.length && timingSafeEqual(left, right);
}

function formatUuid(hex: string): string {
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
