import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { HubConfig } from '../config/load-config.ts';
import type { HubDatabase } from '../db/database.ts';
import { documents } from '../db/schema/index.ts';
import { AppError, ErrorCode } from '../errors/app-error.ts';

const MEGABYTE = 1024 * 1024;

/** How much an untrusted uploader (and their whole community) may leave waiting for a moderator. */
export interface PendingQuota {
  filesPerMember: number;
  bytesPerMember: number;
  filesPerCommunity: number;
  bytesPerCommunity: number;
}

export function pendingQuotaFrom(config: HubConfig): PendingQuota {
  return {
    filesPerMember: config.PENDING_UPLOADS_PER_MEMBER,
    bytesPerMember: config.PENDING_UPLOAD_MB_PER_MEMBER * MEGABYTE,
    filesPerCommunity: config.PENDING_UPLOADS_PER_COMMUNITY,
    bytesPerCommunity: config.PENDING_UPLOAD_MB_PER_COMMUNITY * MEGABYTE,
  };
}

export interface PendingUpload {
  memberId: string | null;
  communityId: string | null;
  sizeBytes: number;
}

/**
 * Throws a 429 when one more pending upload of `sizeBytes` would pass the member's or the community's
 * quota. Run it inside `lockPendingUploads` together with the insert, so two uploads at once cannot
 * both take the last place.
 */
export async function checkPendingQuota(db: HubDatabase, upload: PendingUpload, quota: PendingQuota): Promise<void> {
  if (upload.memberId) {
    const mine = await pendingTotals(db, eq(documents.uploaderMemberId, upload.memberId));
    if (mine.files + 1 > quota.filesPerMember || mine.bytes + upload.sizeBytes > quota.bytesPerMember) {
      throw quotaError(
        `You already have ${mine.files} upload(s) (${formatMegabytes(mine.bytes)}) waiting for a moderator; the limit is ${quota.filesPerMember} files and ${formatMegabytes(quota.bytesPerMember)} per member. Please wait until a moderator has reviewed them.`,
        'member',
      );
    }
  }
  const community = upload.communityId === null ? sql`${documents.communityId} IS NULL` : eq(documents.communityId, upload.communityId);
  const theirs = await pendingTotals(db, community);
  if (theirs.files + 1 > quota.filesPerCommunity || theirs.bytes + upload.sizeBytes > quota.bytesPerCommunity) {
    throw quotaError(
      `This community already has ${theirs.files} upload(s) (${formatMegabytes(theirs.bytes)}) waiting for a moderator, the most it may hold. Please try again once a moderator has reviewed them.`,
      'community',
    );
  }
}

/** Serialises quota checks and inserts of pending uploads per community, until the transaction ends. */
export async function lockPendingUploads(tx: HubDatabase, communityId: string | null): Promise<void> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`pending-uploads:${communityId ?? 'global'}`}))`);
}

async function pendingTotals(db: HubDatabase, scope: SQL): Promise<{ files: number; bytes: number }> {
  const [row] = await db
    .select({ files: sql<number>`count(*)::int`, bytes: sql<string>`coalesce(sum(${documents.sizeBytes}), 0)::text` })
    .from(documents)
    .where(and(eq(documents.status, 'pending_review'), scope));
  return { files: Number(row?.files ?? 0), bytes: Number(row?.bytes ?? 0) };
}

function quotaError(message: string, scope: 'member' | 'community'): AppError {
  return new AppError(ErrorCode.tooMany, message, { details: { quota: scope } });
}

function formatMegabytes(bytes: number): string {
  return `${Math.round((bytes / MEGABYTE) * 10) / 10} MB`;
}
