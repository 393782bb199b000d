import { and, eq } from 'drizzle-orm';
import { createChatCommunity, deleteUnusedChatCommunity } from '../communities/create-chat-community.ts';
import type { HubDatabase } from '../db/database.ts';
import { communities, communityChats, members, type ChatPlatform, type MemberRole } from '../db/schema/index.ts';
import type { IncomingChatMessage } from './chat-message.ts';

export interface ChatContext {
  communityId: string;
  communitySlug: string;
  /** The display name people see. */
  communityName: string;
  memberId: string;
  role: MemberRole;
}

const PLATFORM_NAMES: Record<ChatPlatform, string> = { telegram: 'Telegram', discord: 'Discord', matrix: 'Matrix' };

/**
 * The community a chat belongs to and the sender's membership, created on first contact: a chat is
 * found by (platform, exact chat id); a new chat gets a new community of its own (moderators can link
 * it to another one later); a new sender is a `member`, or an `admin` when listed in CHAT_ADMINS.
 * The message's strings must already be cleaned (cleanChatText).
 */
export async function resolveChatContext(db: HubDatabase, message: IncomingChatMessage, chatAdmins: ReadonlySet<string>): Promise<ChatContext> {
  const community = await communityOfChat(db, message);
  const listedAdmin = chatAdmins.has(`${message.platform}:${message.sender.id}`);
  await db
    .insert(members)
    .values({
      communityId: community.id,
      platform: message.platform,
      platformUserId: message.sender.id,
      displayName: message.sender.displayName ?? null,
      role: listedAdmin ? 'admin' : 'member',
    })
    .onConflictDoNothing();
  const [member] = await db
    .select({ id: members.id, role: members.role })
    .from(members)
    .where(and(eq(members.communityId, community.id), eq(members.platform, message.platform), eq(members.platformUserId, message.sender.id)));
  if (!member) throw new Error('member vanished right after being created');
  return { communityId: community.id, communitySlug: community.slug, communityName: community.name, memberId: member.id, role: listedAdmin ? 'admin' : member.role };
}

type LinkedCommunity = { id: string; slug: string; name: string };

async function communityOfChat(db: HubDatabase, message: IncomingChatMessage): Promise<LinkedCommunity> {
  const linked = await findLinkedCommunity(db, message.platform, message.chatId);
  if (linked) return linked;
  const community = await createChatCommunity(db, { platform: message.platform, chatId: message.chatId, name: defaultCommunityName(message) });
  const [link] = await db
    .insert(communityChats)
    .values({ communityId: community.id, platform: message.platform, chatId: message.chatId, title: message.chatTitle ?? null })
    .onConflictDoNothing()
    .returning({ id: communityChats.id });
  if (link) return community;
  // Two first messages of one chat at once: the other request linked the chat first; use its community.
  await deleteUnusedChatCommunity(db, community.id);
  const winner = await findLinkedCommunity(db, message.platform, message.chatId);
  if (!winner) throw new Error(`the link of ${message.platform} chat ${message.chatId} vanished`);
  return winner;
}

/** The community a chat is linked to, by exact chat id (ids differing only in case are different chats). */
export async function findLinkedCommunity(db: HubDatabase, platform: ChatPlatform, chatId: string): Promise<LinkedCommunity | null> {
  const [row] = await db
    .select({ id: communities.id, slug: communities.slug, name: communities.name })
    .from(communityChats)
    .innerJoin(communities, eq(communities.id, communityChats.communityId))
    .where(and(eq(communityChats.platform, platform), eq(communityChats.chatId, chatId)));
  return row ?? null;
}

/** "Riverside neighbours", or "Alice's Telegram chat" for a direct chat. */
function defaultCommunityName(message: IncomingChatMessage): string {
  const platform = PLATFORM_NAMES[message.platform];
  if (message.chatTitle) return message.chatTitle;
  if (message.isDirect && message.sender.displayName) return `${message.sender.displayName}’s ${platform} chat`;
  return `${platform} chat ${message.chatId}`;
}

/** CHAT_ADMINS as a set of `platform:user-id`. */
export function parseChatAdmins(value: string | undefined): ReadonlySet<string> {
  return new Set((value ?? '').split(',').map((entry) => entry.trim()).filter(Boolean));
}
