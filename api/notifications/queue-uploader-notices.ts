import { and, eq, isNotNull, sql } from 'drizzle-orm';
import type { HubDatabase } from '../db/database.ts';
import { chatOutbox, chatUploads, documents } from '../db/schema/index.ts';

/** What happened to a document sent from a chat that its uploader should hear about. */
export type UploadEvent = 'approved' | 'rejected' | 'failed';

/** Per sweep; the rest follows on the next one. */
const SWEEP_LIMIT = 100;

/**
 * Use periodically (the chat sender does): queues a message to the chat a document came from when a
 * moderator approved or rejected it (with the reason) or its processing failed, once per event. It
 * reads the documents' state rather than hooking each place that changes it, so decisions made in the
 * admin panel, over the API or on a synced instance are all told.
 */
export async function queueUploaderNotices(db: HubDatabase): Promise<number> {
  const event = sql<UploadEvent | null>`CASE
    WHEN ${documents.status} = 'rejected' THEN 'rejected'
    WHEN ${documents.status} = 'failed' THEN 'failed'
    WHEN ${chatUploads.awaitedReview} AND ${documents.approvedAt} IS NOT NULL THEN 'approved'
  END`;
  const candidates = await db
    .select({
      documentId: documents.id,
      platform: chatUploads.platform,
      chatId: chatUploads.chatId,
      filename: documents.filename,
      title: documents.title,
      reason: documents.errorReason,
      event,
    })
    .from(chatUploads)
    .innerJoin(documents, eq(documents.id, chatUploads.documentId))
    .where(
      and(
        isNotNull(event),
        sql`NOT EXISTS (SELECT 1 FROM ${chatOutbox} o WHERE o.dedupe_key = 'document:' || ${documents.id}::text || ':' || (${event}))`,
      ),
    )
    .limit(SWEEP_LIMIT);
  let queued = 0;
  for (const candidate of candidates) {
    if (!candidate.event) continue;
    const inserted = await db
      .insert(chatOutbox)
      .values({
        dedupeKey: `document:${candidate.documentId}:${candidate.event}`,
        platform: candidate.platform,
        chatId: candidate.chatId,
        kind: 'document-notice',
        referenceId: candidate.documentId,
        message: { text: uploaderNotice(candidate.event, candidate.title?.trim() || candidate.filename, candidate.reason) },
      })
      .onConflictDoNothing()
      .returning({ id: chatOutbox.id });
    queued += inserted.length;
  }
  return queued;
}

/** The words the uploader reads. */
export function uploaderNotice(event: UploadEvent, name: string, reason: string | null): string {
  switch (event) {
    case 'approved':
      return `A moderator approved ${name}. I am reading it now; you can ask about it in a few minutes.`;
    case 'rejected':
      return `A moderator decided not to use ${name}.${reason ? ` Reason: ${reason}` : ''}`;
    case 'failed':
      return `I could not read ${name}, so it is not used in answers.${reason ? ` ${reason}` : ''} A moderator has been shown why.`;
  }
}
