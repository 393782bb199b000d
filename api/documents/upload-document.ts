import { ensureCommunity } from '../communities/ensure-community.ts';
import type { HubConfig } from '../config/load-config.ts';
import type { HubDatabase } from '../db/database.ts';
import { AppError, ErrorCode } from '../errors/app-error.ts';
import { rejectNulBytes } from '../errors/nul-bytes.ts';
import type { JobQueue } from '../jobs/job-queue.ts';
import { JobName } from '../jobs/job-types.ts';
import { keyFor, type RawFileStore, type StagedFile } from '../storage/raw-file-store.ts';
import { documentLimitsFrom } from './document-limits.ts';
import { findDocumentByHash, insertDocument, type DocumentRow, type NewDocumentRow } from './document-repository.ts';
import { inspectUpload } from './intake/inspect-upload.ts';
import { defaultUploadLimits } from './intake/upload-limits.ts';
import { checkPendingQuota, lockPendingUploads, pendingQuotaFrom, type PendingQuota, type PendingUpload } from './pending-quota.ts';
import { releaseRawFile, withRawFileLock } from './raw-file-lock.ts';
import { isTrustedUploader, type Uploader } from './uploader.ts';

export interface UploadDeps {
  config: HubConfig;
  db: HubDatabase;
  files: RawFileStore;
  jobs: JobQueue;
}

export interface UploadInput {
  bytes: Uint8Array;
  /** The same bytes already streamed to the store's staging area (HTTP uploads): stored by a rename. */
  staged?: StagedFile;
  filename: string;
  community?: string | null;
  title?: string | null;
  uploader: Uploader;
}

export interface UploadResult {
  document: DocumentRow;
  /** True when these exact bytes were already in that community: nothing new was stored. */
  duplicate: boolean;
}

/**
 * Accepts a file from any channel: checks it, stores it by content hash and queues it for processing,
 * or parks it in `pending_review` when the uploader is not trusted (within the pending quotas). Nothing
 * is written for a bad file or one over quota.
 */
export async function uploadDocument(deps: UploadDeps, input: UploadInput): Promise<UploadResult> {
  const limits = documentLimitsFrom(deps.config);
  rejectNulBytes({ filename: input.filename, community: input.community, title: input.title });
  if (input.bytes.byteLength === 0) throw new AppError(ErrorCode.invalidInput, 'The file is empty (0 bytes): nothing to add.');
  if (input.bytes.byteLength > limits.maxBytes) {
    throw new AppError(ErrorCode.payloadTooLarge, `The file is larger than the limit of ${formatMegabytes(limits.maxBytes)} (UPLOAD_MAX_BYTES).`, {
      details: { limitBytes: limits.maxBytes },
    });
  }
  const inspected = await inspectUpload(input.bytes, input.filename, {
    ...defaultUploadLimits,
    maxFileBytes: limits.maxBytes,
    maxUnzippedBytes: limits.maxUnzippedBytes,
    maxImagePixels: limits.maxImagePixels,
  });
  const community = input.community ? await ensureCommunity(deps.db, input.community) : null;
  const communityId = community?.id ?? null;

  const existing = await findDocumentByHash(deps.db, communityId, inspected.sha256);
  if (existing) return { document: existing, duplicate: true };

  const trusted = isTrustedUploader(input.uploader);
  const pending = { memberId: input.uploader.memberId ?? null, communityId, sizeBytes: input.bytes.byteLength };
  const quota = pendingQuotaFrom(deps.config);
  // Checked before storing, so a member over quota costs no disk; checked again under a lock below.
  if (!trusted) await checkPendingQuota(deps.db, pending, quota);

  const inserted = await storeUpload(deps, input, trusted ? null : { pending, quota }, {
    communityId,
    filename: inspected.safeFilename,
    title: input.title?.trim() || null,
    fileType: inspected.fileType,
    mimeType: inspected.mimeType,
    sizeBytes: input.bytes.byteLength,
    sha256: inspected.sha256,
    rawFileKey: keyFor(inspected.sha256),
    status: trusted ? 'queued' : 'pending_review',
    uploaderMemberId: input.uploader.memberId ?? null,
    uploadedVia: input.uploader.via,
    approvedAt: trusted ? new Date() : null,
    approvedBy: trusted ? (input.uploader.label ?? input.uploader.via) : null,
    metadata: { uploadedAs: input.filename.slice(0, 300), uploader: input.uploader.label ?? null },
  });
  if (!inserted) {
    // Another upload of the same bytes won the race: report that one.
    const winner = await findDocumentByHash(deps.db, communityId, inspected.sha256);
    if (winner) return { document: winner, duplicate: true };
    throw new AppError(ErrorCode.conflict, 'The document could not be saved; try again.');
  }
  if (trusted) await deps.jobs.send(JobName.processDocument, { documentId: inserted.id }, { key: inserted.id });
  return { document: inserted, duplicate: false };
}

/**
 * Writes the file, then its row (after the quota check, under the file's and the community's locks);
 * a row that cannot be written leaves no file behind. Null when the same bytes won a race.
 */
async function storeUpload(
  deps: UploadDeps,
  { bytes, staged }: Pick<UploadInput, 'bytes' | 'staged'>,
  quotaCheck: { pending: PendingUpload; quota: PendingQuota } | null,
  values: NewDocumentRow,
): Promise<DocumentRow | null> {
  // Bytes already streamed to staging are moved into place rather than written a second time.
  if (staged?.sha256 === values.sha256) await staged.keep();
  else await deps.files.put(bytes, values.sha256);
  const inserted = await withRawFileLock(deps.db, values.sha256, async (tx) => {
    if (quotaCheck) {
      await lockPendingUploads(tx, values.communityId ?? null);
      await checkPendingQuota(tx, quotaCheck.pending, quotaCheck.quota);
    }
    return insertDocument(tx, values);
  }).catch(async (error: unknown) => {
    await releaseRawFile(deps, { id: null, sha256: values.sha256, rawFileKey: values.rawFileKey }).catch(() => {});
    throw error;
  });
  // A rejection of the same bytes elsewhere may have deleted the file before this row existed.
  await deps.files.put(bytes, values.sha256);
  return inserted;
}

function formatMegabytes(bytes: number): string {
  return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;
}
