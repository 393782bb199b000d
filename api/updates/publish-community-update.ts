import { eq, sql } from 'drizzle-orm';
import type { HubCore } from '../core/hub-core.ts';
import { communityUpdates, documents } from '../db/schema/index.ts';
import { writtenDocumentValues } from '../documents/written-document.ts';
import { invalidInput } from '../errors/app-error.ts';
import { JobName } from '../jobs/job-types.ts';
import { indexDocument } from '../rag/index-document.ts';

export interface PublishUpdateInput {
  /** Null: every community. */
  communityId: string | null;
  title: string;
  body: string;
  publishedBy: string;
  expiresAt?: Date | null;
}

export type CommunityUpdateRow = typeof communityUpdates.$inferSelect;

/**
 * A moderator's announcement: saved, made searchable (mirrored as a document of kind `update` so
 * retrieval ranks it with the files) and queued for delivery to the community's chats.
 */
export async function publishCommunityUpdate(core: HubCore, input: PublishUpdateInput): Promise<CommunityUpdateRow> {
  const title = input.title.trim();
  const body = input.body.trim();
  if (!title || !body) throw invalidInput('An update needs a title and a text.');
  const now = new Date();
  const mirrorValues = writtenDocumentValues(
    { kind: 'update', communityId: input.communityId, title, heading: title, body, filename: `update-${now.toISOString().slice(0, 10)}.md`, identity: now.toISOString(), writtenBy: input.publishedBy },
    now,
  );
  const [mirror] = await core.db
    .insert(documents)
    .values({ ...mirrorValues, metadata: { publishedAt: now.toISOString(), expiresAt: input.expiresAt?.toISOString() ?? null } })
    .returning();
  const [update] = await core.db
    .insert(communityUpdates)
    .values({ communityId: input.communityId, title, body, publishedBy: input.publishedBy, publishedAt: now, expiresAt: input.expiresAt ?? null, documentId: mirror!.id })
    .returning();
  await indexDocument(core.rag, { documentId: mirror!.id });
  await core.jobs.send(JobName.deliverCommunityUpdate, { updateId: update!.id }, { key: update!.id });
  return update!;
}

/**
 * Marks one chat's delivery outcome on the update ("sent", "retrying: …", "failed: …") for moderators.
 * One statement, so chats reported at the same moment do not overwrite each other's entries.
 */
export async function recordUpdateDelivery(core: Pick<HubCore, 'db'>, updateId: string, chatKey: string, outcome: string): Promise<void> {
  await core.db
    .update(communityUpdates)
    .set({ deliveries: sql`${communityUpdates.deliveries} || jsonb_build_object(${chatKey}::text, ${outcome}::text)` })
    .where(eq(communityUpdates.id, updateId));
}
