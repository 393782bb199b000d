import { eq } from 'drizzle-orm';
import type { HubDatabase } from '../db/database.ts';
import { communityChats, communityUpdates, type ChatPlatform } from '../db/schema/index.ts';
import type { CommunityUpdateRow } from './publish-community-update.ts';

export interface UpdateDelivery {
  update: CommunityUpdateRow;
  /** Chats of the update's community; every known chat for a global update. */
  chats: Array<{ platform: ChatPlatform; chatId: string; key: string }>;
}

/** What a delivery job needs: the update and the chats to post it to (null when the update is gone). */
export async function findUpdateRecipients(db: HubDatabase, updateId: string): Promise<UpdateDelivery | null> {
  const [update] = await db.select().from(communityUpdates).where(eq(communityUpdates.id, updateId));
  if (!update) return null;
  const query = db.select({ platform: communityChats.platform, chatId: communityChats.chatId }).from(communityChats);
  const chats = update.communityId ? await query.where(eq(communityChats.communityId, update.communityId)) : await query;
  return { update, chats: chats.map((chat) => ({ ...chat, key: `${chat.platform}:${chat.chatId}` })) };
}
