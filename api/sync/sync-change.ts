import { z } from 'zod';
import { nameBasedId } from '../db/name-based-id.ts';
import { entityKinds } from './entity-kinds.ts';

/** One chunk of a processed document, sent with its vector so the receiver need not embed it again. */
export const syncChunkSchema = z.object({
  position: z.number().int().min(0),
  text: z.string(),
  sectionPath: z.array(z.string()),
  pageStart: z.number().int().nullable(),
  pageEnd: z.number().int().nullable(),
  embedding: z.array(z.number()),
});
export type SyncChunk = z.infer<typeof syncChunkSchema>;

/**
 * One entity's version as it travels between instances: the whole synced state (a snapshot, or null for
 * a deletion) with its version vector and revision. Applying it twice changes nothing.
 */
export const syncChangeSchema = z.object({
  type: z.enum(entityKinds),
  id: z.uuid(),
  version: z.record(z.string().min(1).max(64), z.number().int().positive()),
  generation: z.number().int().positive(),
  revHash: z.string().regex(/^[0-9a-f]{32}$/),
  deleted: z.boolean(),
  origin: z.string().min(1).max(64),
  changedBy: z.string().min(1).max(64),
  snapshot: z.record(z.string(), z.unknown()).nullable(),
  /** Only for document_content, when sender and receiver embed with the same model. */
  chunks: z.object({ model: z.string(), dimensions: z.number().int().positive(), items: z.array(syncChunkSchema) }).optional(),
});
export type SyncChange = z.infer<typeof syncChangeSchema>;

/** Identifies a version (entity + revision), like CouchDB's id + rev: the same change always has the same id. */
export function changeId(change: Pick<SyncChange, 'type' | 'id' | 'generation' | 'revHash'>): string {
  return `${change.type}:${change.id}:${change.generation}-${change.revHash.slice(0, 12)}`;
}

/**
 * The id of the conflict between two versions of one entity, the same on every instance that sees
 * that pair (so a conflict detected on both sides is one conflict).
 */
export function conflictId(type: string, id: string, a: { generation: number; revHash: string }, b: { generation: number; revHash: string }): string {
  const [first, second] = [`${a.generation}-${a.revHash}`, `${b.generation}-${b.revHash}`].sort();
  return nameBasedId('conflict', type, id, first!, second!);
}
