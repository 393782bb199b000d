import { sql } from 'drizzle-orm';
import { jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { communities } from './communities.ts';
import { documents } from './documents.ts';

/** A moderator's announcement, published to the community's chats and searchable while it is current. */
export const communityUpdates = pgTable('community_updates', {
  id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
  communityId: uuid('community_id').references(() => communities.id, { onDelete: 'cascade' }),
  title: text('title').notNull(),
  body: text('body').notNull(),
  publishedBy: text('published_by'),
  publishedAt: timestamp('published_at', { withTimezone: true }),
  expiresAt: timestamp('expires_at', { withTimezone: true }),
  /** Searchable mirror of the update (documents.kind = 'update'). */
  documentId: uuid('document_id').references(() => documents.id, { onDelete: 'set null' }),
  /** Per-chat delivery outcome, e.g. {"telegram:123": "sent"}. */
  deliveries: jsonb('deliveries').$type<Record<string, string>>().notNull().default({}),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** A curated question and answer that should win over document passages when it matches. */
export const faqEntries = pgTable('faq_entries', {
  id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
  communityId: uuid('community_id').references(() => communities.id, { onDelete: 'cascade' }),
  question: text('question').notNull(),
  answer: text('answer').notNull(),
  /** Searchable mirror of the entry (documents.kind = 'faq'). */
  documentId: uuid('document_id').references(() => documents.id, { onDelete: 'set null' }),
  createdBy: text('created_by'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
