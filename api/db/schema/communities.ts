import { sql } from 'drizzle-orm';
import { boolean, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';

export const chatPlatforms = ['telegram', 'discord', 'matrix'] as const;
export type ChatPlatform = (typeof chatPlatforms)[number];

/** Member roles, weakest first: uploads from `member` wait for a moderator. */
export const memberRoles = ['member', 'trusted', 'moderator', 'admin'] as const;
export type MemberRole = (typeof memberRoles)[number];

export const communities = pgTable('communities', {
  id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
  slug: text('slug').notNull().unique(),
  name: text('name').notNull(),
  /** Members' web page: null lets anyone who reaches the hub in; otherwise the code (or invite link) is needed. */
  webAccessCode: text('web_access_code'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** A chat room on one platform that belongs to a community: where questions come from and updates go. */
export const communityChats = pgTable(
  'community_chats',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    communityId: uuid('community_id')
      .notNull()
      .references(() => communities.id, { onDelete: 'cascade' }),
    platform: text('platform', { enum: chatPlatforms }).notNull(),
    chatId: text('chat_id').notNull(),
    title: text('title'),
    /** Community updates are posted here; `/unsubscribe` turns it off. A column, so it travels with the link when synced. */
    updatesSubscribed: boolean('updates_subscribed').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [unique('community_chats_platform_chat_unique').on(table.platform, table.chatId)],
);

/** A person on one chat platform, with a role inside one community. */
export const members = pgTable(
  'members',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    communityId: uuid('community_id')
      .notNull()
      .references(() => communities.id, { onDelete: 'cascade' }),
    platform: text('platform', { enum: chatPlatforms }).notNull(),
    platformUserId: text('platform_user_id').notNull(),
    displayName: text('display_name'),
    role: text('role', { enum: memberRoles }).notNull().default('member'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [unique('members_identity_unique').on(table.communityId, table.platform, table.platformUserId)],
);
