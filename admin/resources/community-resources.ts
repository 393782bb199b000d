import type { ResourceWithOptions } from 'adminjs';
import type { HubDatabase } from '#api/db/database.ts';
import { communities, communityChats, members } from '#api/db/schema/index.ts';
import { DrizzleResource } from '../adapter/drizzle-resource.ts';
import { builtInActionAccess } from './resource-access.ts';

const navigation = { name: 'Community', icon: 'Users' };

/**
 * Communities, their chats and members. Rows appear on first contact (an upload or a chat message
 * names the community); here moderators rename a community, link a chat to another community and
 * change a member's role. Nothing is deleted from here: a community delete would cascade to its documents.
 */
export function communityResources(db: HubDatabase): ResourceWithOptions[] {
  const places = new DrizzleResource(db, communities, { writable: ['name'] });
  const chats = new DrizzleResource(db, communityChats, { writable: ['communityId', 'title'] });
  const people = new DrizzleResource(db, members, { writable: ['role'] });
  return [
    {
      resource: places,
      options: {
        navigation,
        titleProperty: 'name',
        sort: { sortBy: 'name', direction: 'asc' },
        listProperties: ['name', 'slug', 'createdAt'],
        properties: { slug: { description: 'How uploads, questions and the CLI name this community; set when it was created.' } },
        actions: builtInActionAccess(places),
      },
    },
    {
      resource: chats,
      options: {
        navigation,
        titleProperty: 'title',
        sort: { sortBy: 'createdAt', direction: 'desc' },
        listProperties: ['title', 'platform', 'chatId', 'communityId', 'createdAt'],
        filterProperties: ['platform', 'communityId', 'title', 'chatId'],
        properties: { communityId: { description: 'Questions from this chat are answered from this community’s documents; updates are delivered here.' } },
        actions: builtInActionAccess(chats),
      },
    },
    {
      resource: people,
      options: {
        navigation,
        titleProperty: 'displayName',
        sort: { sortBy: 'createdAt', direction: 'desc' },
        listProperties: ['displayName', 'role', 'platform', 'platformUserId', 'communityId', 'createdAt'],
        filterProperties: ['role', 'platform', 'communityId', 'displayName', 'platformUserId'],
        properties: { role: { description: 'member uploads wait for review; trusted, moderator and admin uploads are processed at once.' } },
        actions: builtInActionAccess(people),
      },
    },
  ];
}
