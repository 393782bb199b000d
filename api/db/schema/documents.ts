import { sql } from 'drizzle-orm';
import { bigint, boolean, index, integer, jsonb, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import type { DocumentSection, ExtractionProgress, ProcessingMode } from '../../documents/extraction/extracted-document.ts';
import { communities, members } from './communities.ts';

/**
 * Lifecycle: an upload from an untrusted member waits in `pending_review` (nothing is parsed until a
 * moderator approves), then `queued` -> `processing` -> `ready` or `failed`; `rejected` is final.
 */
export const documentStatuses = ['pending_review', 'queued', 'processing', 'ready', 'failed', 'rejected'] as const;
export type DocumentStatus = (typeof documentStatuses)[number];

export const processingModes = ['cloud_simple', 'local_full'] as const satisfies readonly ProcessingMode[];

/** `faq` and `update` rows mirror curated answers and community updates so retrieval ranks them like files. */
export const documentKinds = ['file', 'faq', 'update'] as const;
export type DocumentKind = (typeof documentKinds)[number];

export const documents = pgTable(
  'documents',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    /** Null: a global document every community can search. */
    communityId: uuid('community_id').references(() => communities.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: documentKinds }).notNull().default('file'),
    /** Display name, sanitised; never used as a path. */
    filename: text('filename').notNull(),
    title: text('title'),
    category: text('category'),
    tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
    /** Detected from the bytes: pdf, docx, png, txt ... */
    fileType: text('file_type').notNull(),
    mimeType: text('mime_type').notNull(),
    sizeBytes: bigint('size_bytes', { mode: 'number' }).notNull(),
    sha256: text('sha256').notNull(),
    /** Key of the raw file in the content-addressed store (derived from sha256). */
    rawFileKey: text('raw_file_key').notNull(),
    status: text('status', { enum: documentStatuses }).notNull(),
    errorCode: text('error_code'),
    errorReason: text('error_reason'),
    uploaderMemberId: uuid('uploader_member_id').references(() => members.id, { onDelete: 'set null' }),
    /** Where the upload came from: api, cli, telegram, discord, matrix, admin, sync. */
    uploadedVia: text('uploaded_via').notNull().default('api'),
    needsFullProcessing: boolean('needs_full_processing').notNull().default(false),
    processingMode: text('processing_mode', { enum: processingModes }),
    processedAt: timestamp('processed_at', { withTimezone: true }),
    progress: jsonb('progress').$type<ExtractionProgress>(),
    content: text('content'),
    sections: jsonb('sections').$type<DocumentSection[]>(),
    metadata: jsonb('metadata').$type<Record<string, unknown>>().notNull().default({}),
    pageCount: integer('page_count'),
    language: text('language'),
    approvedAt: timestamp('approved_at', { withTimezone: true }),
    approvedBy: text('approved_by'),
    /** Bumped on every change that sync must carry; conflicts compare revisions. */
    revision: integer('revision').notNull().default(1),
    /** Instance that created the row (sync). */
    originInstance: text('origin_instance'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    // The same bytes uploaded twice to one community (or globally) are one document.
    unique('documents_community_sha256_unique').on(table.communityId, table.sha256).nullsNotDistinct(),
    index('documents_status_idx').on(table.status),
    index('documents_needs_full_idx').on(table.needsFullProcessing),
  ],
);
