import type { ActionContext, ActionRequest, ResourceWithOptions } from 'adminjs';
import type { HubDatabase } from '#api/db/database.ts';
import { faqEntries } from '#api/db/schema/index.ts';
import { DrizzleResource } from '../adapter/drizzle-resource.ts';
import { builtInActionAccess } from './resource-access.ts';
import { moderatorName } from './use-case-action.ts';

/**
 * Curated questions and answers (create, edit, delete). Saved rows are not yet searchable: the core
 * has no use case that mirrors an entry as a `faq` document, which retrieval needs; the form says so.
 */
export function faqEntriesResource(db: HubDatabase): ResourceWithOptions {
  const resource = new DrizzleResource(db, faqEntries, {
    writable: ['communityId', 'question', 'answer', 'createdBy', 'updatedAt'],
    creatable: true,
    deletable: true,
  });
  // Who wrote it and when it changed come from the session and the clock, never from the form.
  const stamp = (mode: 'new' | 'edit') => async (request: ActionRequest, context: ActionContext) => {
    if (request.method !== 'post') return request;
    const payload: Record<string, unknown> = { ...request.payload, updatedAt: new Date() };
    delete payload.createdBy;
    if (mode === 'new') payload.createdBy = moderatorName(context);
    return { ...request, payload };
  };
  return {
    resource,
    options: {
      navigation: { name: 'Community', icon: 'Users' },
      titleProperty: 'question',
      sort: { sortBy: 'updatedAt', direction: 'desc' },
      listProperties: ['question', 'communityId', 'createdBy', 'updatedAt'],
      filterProperties: ['question', 'answer', 'communityId', 'createdBy'],
      editProperties: ['communityId', 'question', 'answer'],
      properties: {
        answer: { type: 'textarea', description: 'Not answered by the bot yet: FAQ entries become searchable once the core indexes them.' },
        communityId: { description: 'Leave empty for every community.' },
      },
      actions: {
        ...builtInActionAccess(resource),
        new: { isAccessible: true, before: stamp('new') },
        edit: { isAccessible: true, before: stamp('edit') },
      },
    },
  };
}
