import { and, eq, sql } from 'drizzle-orm';
import type { HubDatabase } from '../db/database.ts';
import { chatOutbox, communityChats, communityUpdates } from '../db/schema/index.ts';

/**
 * Use in the `deliver-community-update` job: one outbox message per chat subscribed to the update's
 * community (every subscribed chat for a global update). Safe to run twice: a chat already queued
 * for this update is not queued again, so it gets the update once. Returns how many chats were queued now.
 */
export async function queueUpdateDeliveries(db: HubDatabase, updateId: string): Promise<{ found: boolean; queued: number; chats: number }> {
  const [update] = await db.select().from(communityUpdates).where(eq(communityUpdates.id, updateId));
  if (!update) return { found: false, queued: 0, chats: 0 };
  const subscribed = eq(communityChats.updatesSubscribed, true);
  const chats = await db
    .select({ platform: communityChats.platform, chatId: communityChats.chatId })
    .from(communityChats)
    .where(update.communityId ? and(subscribed, eq(communityChats.communityId, update.communityId)) : subscribed);
  if (chats.length === 0) return { found: true, queued: 0, chats: 0 };
  const queued = await db
    .insert(chatOutbox)
    .values(
      chats.map((chat) => ({
        dedupeKey: `update:${update.id}:${chat.platform}:${chat.chatId}`,
        platform: chat.platform,
        chatId: chat.chatId,
        kind: 'community-update',
        referenceId: update.id,
        message: { heading: update.title, text: update.body },
      })),
    )
    .onConflictDoNothing()
    .returning({ platform: chatOutbox.platform, chatId: chatOutbox.chatId });
  if (queued.length > 0) {
    // Moderators see every chat the update is on its way to, including platforms not connected yet.
    const entries = Object.fromEntries(queued.map((chat) => [`${chat.platform}:${chat.chatId}`, 'queued']));
    await db.update(communityUpdates).set({ deliveries: sql`${communityUpdates.deliveries} || ${JSON.stringify(entries)}::jsonb` }).where(eq(communityUpdates.id, update.id));
  }
  return { found: true, queued: queued.length, chats: chats.length };
}
