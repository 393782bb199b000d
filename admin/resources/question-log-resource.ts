import type { ResourceWithOptions } from 'adminjs';
import type { HubDatabase } from '#api/db/database.ts';
import { questionLog } from '#api/db/schema/index.ts';
import { DrizzleResource } from '../adapter/drizzle-resource.ts';
import { builtInActionAccess } from './resource-access.ts';

/** Every question asked and how it was answered: read-only, for finding gaps and bad answers. */
export function questionLogResource(db: HubDatabase): ResourceWithOptions {
  const resource = new DrizzleResource(db, questionLog);
  return {
    resource,
    options: {
      navigation: { name: 'Moderation', icon: 'Shield' },
      titleProperty: 'question',
      sort: { sortBy: 'createdAt', direction: 'desc' },
      listProperties: ['question', 'answered', 'feedback', 'provider', 'channel', 'communityId', 'createdAt'],
      filterProperties: ['feedback', 'answered', 'question', 'provider', 'channel', 'communityId', 'createdAt'],
      showProperties: [
        'question', 'answer', 'answered', 'provider', 'feedback', 'feedbackComment', 'citations', 'timings',
        'channel', 'chatId', 'askerId', 'communityId', 'createdAt', 'id',
      ],
      properties: {
        answer: { type: 'textarea' },
        timings: { description: 'Milliseconds per step.' },
      },
      actions: builtInActionAccess(resource),
    },
  };
}
