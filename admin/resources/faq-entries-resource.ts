import type { ActionContext, ActionRequest, RecordActionResponse, ResourceWithOptions } from 'adminjs';
import type { HubCore } from '#api/core/hub-core.ts';
import { faqEntries } from '#api/db/schema/index.ts';
import { isAppError } from '#api/errors/app-error.ts';
import { deleteFaqEntry, mirrorFaqEntry } from '#api/faq/mirror-faq-entry.ts';
import { DrizzleResource } from '../adapter/drizzle-resource.ts';
import { builtInActionAccess } from './resource-access.ts';
import { moderatorName } from './use-case-action.ts';

/**
 * Curated questions and answers (create, edit, delete). Every save makes the entry searchable through
 * the core (mirrored as a `faq` document and indexed, ranked above passages that match as well);
 * deleting it removes it from search too.
 */
export function faqEntriesResource(core: HubCore): ResourceWithOptions {
  const resource = new DrizzleResource(core.db, faqEntries, {
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
  const mirror = async (response: RecordActionResponse, request: ActionRequest): Promise<RecordActionResponse> => {
    const { record } = response;
    const saved = request.method === 'post' && record?.params?.id && Object.keys(record.errors ?? {}).length === 0;
    if (!saved) return response;
    try {
      await mirrorFaqEntry(core, String(record.params.id));
    } catch (error) {
      if (!isAppError(error)) throw error;
      return { ...response, notice: { message: `Saved, but not searchable yet: ${error.message}`, type: 'error' } };
    }
    return response;
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
        answer: { type: 'textarea', description: 'The bot cites this answer when a question matches it.' },
        communityId: { description: 'Leave empty for every community.' },
      },
      actions: {
        ...builtInActionAccess(resource),
        new: { isAccessible: true, before: stamp('new'), after: mirror },
        edit: { isAccessible: true, before: stamp('edit'), after: mirror },
        delete: { isAccessible: true, handler: (_request, _response, context) => remove(core, context) },
        // One at a time, so each removal goes through the core and takes the entry out of search.
        bulkDelete: { isAccessible: false },
      },
    },
  };
}

async function remove(core: HubCore, context: ActionContext): Promise<RecordActionResponse> {
  const { record, resource, currentAdmin, h } = context;
  if (!record) throw new Error('delete without a record');
  await deleteFaqEntry(core, record.id());
  return {
    record: record.toJSON(currentAdmin),
    redirectUrl: h.resourceUrl({ resourceId: resource.id() }),
    notice: { message: 'Deleted: the bot no longer cites this entry.', type: 'success' },
  };
}
