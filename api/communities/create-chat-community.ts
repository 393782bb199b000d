import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { HubDatabase } from '../db/database.ts';
import { communities, type ChatPlatform } from '../db/schema/index.ts';

/** Slugs are at most this long (see ensureCommunity). */
const MAX_SLUG_LENGTH = 63;
/** Room for a readable part of the chat id in the slug, e.g. `telegram-100123-…`. */
const READABLE_PART_LENGTH = 24;
/** 8 hex digits of the id's hash first; longer ones only if such a slug was somehow taken. */
const HASH_LENGTHS = [8, 12, 16, 24, 32] as const;

export interface ChatCommunityInput {
  platform: ChatPlatform;
  /** The chat id exactly as the platform gives it (case and punctuation matter). */
  chatId: string;
  /** Shown to people; moderators can rename it in the admin panel. */
  name: string;
}

/**
 * Use when a chat writes to the bot for the first time: creates a NEW community for it, never reusing
 * another one. The slug (for the CLI and the admin panel, never shown in chat) carries a hash of the
 * exact chat id, so Telegram group -123 and private chat 123, or two Matrix rooms that differ only in
 * letter case, get different slugs; a slug that is taken anyway is skipped, not shared.
 */
export async function createChatCommunity(db: HubDatabase, input: ChatCommunityInput): Promise<{ id: string; slug: string; name: string }> {
  const hash = createHash('sha256').update(`${input.platform}\u0000${input.chatId}`).digest('hex');
  for (const length of HASH_LENGTHS) {
    const slug = chatSlug(input.platform, input.chatId, hash.slice(0, length));
    const [created] = await db.insert(communities).values({ slug, name: input.name }).onConflictDoNothing().returning({ id: communities.id, slug: communities.slug, name: communities.name });
    if (created) return created;
  }
  throw new Error(`no free community slug for ${input.platform} chat ${input.chatId}`);
}

/** Drops a community made for a chat that another request linked first (it has nothing in it yet). */
export async function deleteUnusedChatCommunity(db: HubDatabase, id: string): Promise<void> {
  await db.delete(communities).where(eq(communities.id, id));
}

/** `telegram-100123-1a2b3c4d`: the platform, a readable start of the id, and the hash that makes it unique. */
export function chatSlug(platform: ChatPlatform, chatId: string, hash: string): string {
  const readable = chatId.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+/, '').slice(0, READABLE_PART_LENGTH).replace(/-+$/, '');
  const room = MAX_SLUG_LENGTH - platform.length - hash.length - 2;
  const middle = readable.slice(0, Math.max(0, room)).replace(/-+$/, '');
  return [platform, middle, hash].filter(Boolean).join('-');
}
