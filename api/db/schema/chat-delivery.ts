import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { chatPlatforms } from './communities.ts';
import { documents } from './documents.ts';
import { feedbackValues, questionLog } from './questions.ts';

/** One person's vote on one answer; voting again replaces it. question_log.feedback holds the summary. */
export const answerFeedback = pgTable(
  'answer_feedback',
  {
    questionId: uuid('question_id')
      .notNull()
      .references(() => questionLog.id, { onDelete: 'cascade' }),
    platform: text('platform', { enum: chatPlatforms }).notNull(),
    voterId: text('voter_id').notNull(),
    value: text('value', { enum: feedbackValues }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ name: 'answer_feedback_pk', columns: [table.questionId, table.platform, table.voterId] })],
);

export const chatOutboxStatuses = ['pending', 'sending', 'sent', 'failed'] as const;
export type ChatOutboxStatus = (typeof chatOutboxStatuses)[number];

/** What a queued message says; the bot renders it for each platform. */
export interface OutboxMessage {
  heading?: string;
  text: string;
}

/**
 * Messages the hub starts (community updates, notices to uploaders), one row per chat. The unique
 * `dedupe_key` makes queueing idempotent, so a job that runs twice still sends each chat one message.
 */
export const chatOutbox = pgTable(
  'chat_outbox',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    dedupeKey: text('dedupe_key').notNull().unique(),
    platform: text('platform', { enum: chatPlatforms }).notNull(),
    chatId: text('chat_id').notNull(),
    /** community-update or document-notice. */
    kind: text('kind').notNull(),
    /** The update or document the message is about. */
    referenceId: uuid('reference_id'),
    message: jsonb('message').$type<OutboxMessage>().notNull(),
    status: text('status', { enum: chatOutboxStatuses }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    claimedAt: timestamp('claimed_at', { withTimezone: true }),
    lastError: text('last_error'),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('chat_outbox_due_idx').on(table.status, table.nextAttemptAt)],
);

/** The chat a document was sent from, so its uploader hears about approval, rejection or failure there. */
export const chatUploads = pgTable('chat_uploads', {
  documentId: uuid('document_id')
    .primaryKey()
    .references(() => documents.id, { onDelete: 'cascade' }),
  platform: text('platform', { enum: chatPlatforms }).notNull(),
  chatId: text('chat_id').notNull(),
  senderId: text('sender_id').notNull(),
  /** The upload waited for a moderator, so approval is news worth a message. */
  awaitedReview: boolean('awaited_review').notNull().default(false),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
