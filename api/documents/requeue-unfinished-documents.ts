import { inArray } from 'drizzle-orm';
import type { HubDatabase } from '../db/database.ts';
import { documents } from '../db/schema/index.ts';
import type { JobQueue } from '../jobs/job-queue.ts';
import { JobName } from '../jobs/job-types.ts';

/**
 * Makes sure every document waiting for processing has a job: covers an enqueue lost to a crash between
 * saving the row and sending the job. Jobs are keyed by document, so existing ones are not duplicated.
 */
export async function requeueUnfinishedDocuments(deps: { db: HubDatabase; jobs: JobQueue }): Promise<number> {
  const waiting = await deps.db
    .select({ id: documents.id })
    .from(documents)
    .where(inArray(documents.status, ['queued', 'processing']));
  let sent = 0;
  for (const { id } of waiting) {
    if (await deps.jobs.send(JobName.processDocument, { documentId: id }, { key: id })) sent++;
  }
  return sent;
}
