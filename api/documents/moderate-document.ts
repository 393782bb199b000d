import type { HubDatabase } from '../db/database.ts';
import type { RawFileStore } from '../storage/raw-file-store.ts';
import { AppError, ErrorCode, notFound } from '../errors/app-error.ts';
import type { JobQueue } from '../jobs/job-queue.ts';
import { JobName } from '../jobs/job-types.ts';
import type { ProcessingMode } from './extraction/extracted-document.ts';
import { findDocument, updateDocument, type DocumentRow } from './document-repository.ts';
import { releaseRawFile } from './raw-file-lock.ts';

interface ModerationDeps {
  db: HubDatabase;
  jobs: JobQueue;
  files: RawFileStore;
}

/** A moderator accepts an upload that waited for review: it becomes searchable once processed. */
export async function approveDocument(deps: ModerationDeps, id: string, moderator: string): Promise<DocumentRow> {
  const document = await requireDocument(deps.db, id);
  if (document.status !== 'pending_review') {
    throw new AppError(ErrorCode.conflict, `Only documents waiting for review can be approved; this one is ${document.status}.`);
  }
  const approved = await updateDocument(deps.db, id, { status: 'queued', approvedAt: new Date(), approvedBy: moderator });
  await deps.jobs.send(JobName.processDocument, { documentId: id }, { key: id });
  return approved ?? document;
}

/**
 * A moderator refuses an upload: its chunks (if any) stop being searchable at once, a job already
 * processing it cannot bring it back (see processDocument), and its file is deleted unless another
 * document has the same bytes.
 */
export async function rejectDocument(deps: ModerationDeps, id: string, moderator: string, reason: string): Promise<DocumentRow> {
  await requireDocument(deps.db, id);
  const rejected = await updateDocument(deps.db, id, {
    status: 'rejected',
    approvedAt: null,
    errorCode: 'rejected',
    errorReason: reason.trim() || `Rejected by ${moderator}`,
    progress: null,
  });
  await releaseRawFile(deps, rejected!);
  return rejected!;
}

/** Runs processing again (e.g. full processing of a basic result, or after fixing a converter). */
export async function reprocessDocument(deps: ModerationDeps, id: string, mode?: ProcessingMode): Promise<DocumentRow> {
  const document = await requireDocument(deps.db, id);
  if (document.kind !== 'file') throw new AppError(ErrorCode.conflict, `A ${document.kind} has no file to reprocess.`);
  if (document.status === 'rejected' || document.status === 'pending_review') {
    throw new AppError(ErrorCode.conflict, `A ${document.status} document cannot be reprocessed; approve it first.`);
  }
  const accepted = await deps.jobs.send(JobName.processDocument, mode ? { documentId: id, mode } : { documentId: id }, { key: id });
  if (!accepted) throw new AppError(ErrorCode.conflict, 'This document is already queued or being processed.');
  // A ready document keeps serving its old chunks until the new ones replace them.
  if (document.status !== 'ready') return (await updateDocument(deps.db, id, { status: 'queued', errorCode: null, errorReason: null }))!;
  return document;
}

async function requireDocument(db: HubDatabase, id: string): Promise<DocumentRow> {
  const document = await findDocument(db, id);
  if (!document) throw notFound(`No document with id ${id}.`);
  return document;
}
