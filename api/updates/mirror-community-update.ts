import { eq } from 'drizzle-orm';
import type { HubCore } from '../core/hub-core.ts';
import { communityUpdates, documents } from '../db/schema/index.ts';
import { writtenDocumentValues } from '../documents/written-document.ts';
import { indexDocument } from '../rag/index-document.ts';

/**
 * Makes an update that arrived from another instance searchable here: its mirror document is created
 * or rewritten and indexed (the publishing instance built its own the same way). Returns false when
 * the update no longer exists.
 */
export async function mirrorCommunityUpdate(core: HubCore, updateId: string): Promise<boolean> {
  const [update] = await core.db.select().from(communityUpdates).where(eq(communityUpdates.id, updateId));
  if (!update) return false;
  const published = update.publishedAt ?? update.createdAt;
  const values = writtenDocumentValues(
    {
      kind: 'update',
      communityId: update.communityId,
      title: update.title,
      heading: update.title,
      body: update.body,
      filename: `update-${published.toISOString().slice(0, 10)}.md`,
      identity: update.id,
      writtenBy: update.publishedBy,
    },
    published,
  );
  const metadata = { publishedAt: published.toISOString(), expiresAt: update.expiresAt?.toISOString() ?? null };
  let documentId = update.documentId;
  if (documentId) await core.db.update(documents).set({ ...values, metadata }).where(eq(documents.id, documentId));
  else [{ id: documentId }] = (await core.db.insert(documents).values({ ...values, metadata }).returning({ id: documents.id })) as [{ id: string }];
  await indexDocument(core.rag, { documentId });
  if (documentId !== update.documentId) await core.db.update(communityUpdates).set({ documentId }).where(eq(communityUpdates.id, update.id));
  return true;
}
