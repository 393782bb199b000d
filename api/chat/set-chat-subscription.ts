import { and, eq } from 'drizzle-orm';
import type { HubDatabase } from '../db/database.ts';
import { communityChats, type ChatPlatform } from '../db/schema/index.ts';

/**
 * Use for `/subscribe` and `/unsubscribe`: whether community updates are posted to this chat. Returns
 * whether anything changed (subscribing twice is fine and says so).
 */
export async function setChatSubscription(db: HubDatabase, chat: { platform: ChatPlatform; chatId: string }, subscribed: boolean): Promise<{ changed: boolean }> {
  const changed = await db
    .update(communityChats)
    .set({ updatesSubscribed: subscribed })
    .where(and(eq(communityChats.platform, chat.platform), eq(communityChats.chatId, chat.chatId), eq(communityChats.updatesSubscribed, !subscribed)))
    .returning({ id: communityChats.id });
  return { changed: changed.length > 0 };
}
