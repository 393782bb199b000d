import { and, asc, eq } from 'drizzle-orm';
import type { HubCore } from '../core/hub-core.ts';
import { syncFollowups } from '../db/schema/index.ts';
import { findDocument } from '../documents/document-repository.ts';
import { mirrorFaqEntry } from '../faq/mirror-faq-entry.ts';
import { JobName } from '../jobs/job-types.ts';
import { indexDocument } from '../rag/index-document.ts';
import { mirrorCommunityUpdate } from '../updates/mirror-community-update.ts';
import { notFound, isAppError } from '../errors/app-error.ts';

const BATCH = 100;

type Followup = typeof syncFollowups.$inferSelect;

/**
 * Does the work applied changes still owe this instance (recorded with them, so none is lost in a
 * crash): re-index documents whose text or title changed, mirror FAQ entries and updates into search,
 * deliver updates that are new here. Each done item is removed; a failing one stays for the next run.
 */
export async function runSyncFollowups(core: HubCore): Promise<{ done: number; failed: number }> {
  const rows = await core.db.select().from(syncFollowups).orderBy(asc(syncFollowups.createdAt)).limit(BATCH);
  let done = 0;
  let failed = 0;
  for (const row of rows) {
    try {
      await followUp(core, row);
      await core.db
        .delete(syncFollowups)
        .where(and(eq(syncFollowups.entityType, row.entityType), eq(syncFollowups.entityId, row.entityId), eq(syncFollowups.createdAt, row.createdAt)));
      done++;
    } catch (error) {
      failed++;
      core.logger.warn({ err: error, part: 'sync', followup: row }, 'sync follow-up failed; retried later');
    }
  }
  return { done, failed };
}

async function followUp(core: HubCore, row: Followup): Promise<void> {
  if (row.reason === 'deleted') return;
  switch (row.entityType) {
    case 'document':
    case 'document_content': {
      const document = await findDocument(core.db, row.entityId);
      if (document?.content?.trim() && document.status !== 'rejected') await indexDocument(core.rag, { documentId: document.id });
      return;
    }
    case 'faq_entry':
      await mirrorFaqEntry(core, row.entityId).catch(ignoreNotFound);
      return;
    case 'community_update': {
      const exists = await mirrorCommunityUpdate(core, row.entityId);
      // New here: this instance delivers it to the chats it serves (each instance delivers to its own).
      if (exists && row.reason === 'created') await core.jobs.send(JobName.deliverCommunityUpdate, { updateId: row.entityId }, { key: row.entityId });
      return;
    }
  }
}

function ignoreNotFound(error: unknown): void {
  if (isAppError(error) && error.code === notFound('').code) return;
  throw error;
}
