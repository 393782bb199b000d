import { sql } from 'drizzle-orm';
import { index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { anyVector, tsvector } from './column-types.ts';
import { documents } from './documents.ts';

/** A retrievable passage of a document: text under one heading path, within a page range. */
export const chunks = pgTable(
  'chunks',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    documentId: uuid('document_id')
      .notNull()
      .references(() => documents.id, { onDelete: 'cascade' }),
    /** Copied from the document so filtered vector search needs no join to restrict by community. */
    communityId: uuid('community_id'),
    position: integer('position').notNull(),
    text: text('text').notNull(),
    sectionPath: text('section_path').array().notNull().default(sql`'{}'::text[]`),
    pageStart: integer('page_start'),
    pageEnd: integer('page_end'),
    embedding: anyVector('embedding'),
    embeddingModel: text('embedding_model'),
    embeddingDims: integer('embedding_dims'),
    /** Text search configuration used for `tsv` (e.g. english, german, simple). */
    ftsConfig: text('fts_config').notNull().default('simple'),
    tsv: tsvector('tsv'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index('chunks_document_position_idx').on(table.documentId, table.position),
    index('chunks_embedding_model_idx').on(table.embeddingModel),
    index('chunks_community_idx').on(table.communityId),
    index('chunks_tsv_idx').using('gin', table.tsv),
  ],
);
