import { sql } from 'drizzle-orm';
import { boolean, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { communities } from './communities.ts';

export interface LoggedCitation {
  documentId: string;
  filename: string;
  title: string | null;
  section: string | null;
  pages: number[];
  snippet: string;
  score: number;
}

export const feedbackValues = ['helpful', 'not_helpful'] as const;

/** Every question asked anywhere, with the answer given, who answered it and how long each step took. */
export const questionLog = pgTable(
  'question_log',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    communityId: uuid('community_id').references(() => communities.id, { onDelete: 'set null' }),
    /** api, web, cli, telegram, discord, matrix. */
    channel: text('channel').notNull(),
    chatId: text('chat_id'),
    askerId: text('asker_id'),
    question: text('question').notNull(),
    answer: text('answer').notNull(),
    answered: boolean('answered').notNull(),
    citations: jsonb('citations').$type<LoggedCitation[]>().notNull().default([]),
    provider: text('provider').notNull(),
    timings: jsonb('timings').$type<Record<string, number>>().notNull().default({}),
    feedback: text('feedback', { enum: feedbackValues }),
    feedbackComment: text('feedback_comment'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('question_log_created_idx').on(table.createdAt)],
);
