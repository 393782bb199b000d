import { and, eq } from 'drizzle-orm';
import { ensureCommunity } from '../communities/ensure-community.ts';
import type { HubDatabase } from '../db/database.ts';
import { communities, communityChats, members, type ChatPlatform, type MemberRole } from '../db/schema/index.ts';
import type { IncomingChatMessage } from './chat-message.ts';

export interface ChatContext {
  communityId: string;
  communitySlug: string;
  memberId: string;
  role: MemberRole;
}

/**
 * The community a chat belongs to and the sender's membership, created on first contact: a new chat
 * gets its own community (moderators can link it to another one later); a new sender is a `member`,
 * or an `admin` when listed in CHAT_ADMINS.
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
  return { communityId: community.id, communitySlug: community.slug, memberId: member.id, role: listedAdmin ? 'admin' : member.role };
}

async function communityOfChat(db: HubDatabase, message: IncomingChatMessage): Promise<{ id: string; slug: string }> {
  const linked = await findLinkedCommunity(db, message.platform, message.chatId);
  if (linked) return linked;
  const community = await ensureCommunity(db, defaultSlug(message.platform, message.chatId));
  await db
    .insert(communityChats)
    .values({ communityId: community.id, platform: message.platform, chatId: message.chatId, title: message.chatTitle ?? null })
    .onConflictDoNothing();
  return (await findLinkedCommunity(db, message.platform, message.chatId)) ?? community;
}

async function findLinkedCommunity(db: HubDatabase, platform: ChatPlatform, chatId: string) {
  const [row] = await db
    .select({ id: communities.id, slug: communities.slug })
    .from(communityChats)
    .innerJoin(communities, eq(communities.id, communityChats.communityId))
    .where(and(eq(communityChats.platform, platform), eq(communityChats.chatId, chatId)));
  return row ?? null;
}

/** A readable, valid slug for a chat that no moderator has named yet, e.g. `telegram-1001234567`. */
function defaultSlug(platform: ChatPlatform, chatId: string): string {
  const cleaned = chatId.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  return `${platform}-${cleaned}`.slice(0, 63).replace(/-+$/, '');
}

/** CHAT_ADMINS as a set of `platform:user-id`. */
export function parseChatAdmins(value: string | undefined): ReadonlySet<string> {
  return new Set((value ?? '').split(',').map((entry) => entry.trim()).filter(Boolean));
}
