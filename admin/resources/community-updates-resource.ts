import type { ActionContext, ActionRequest, RecordActionResponse, ResourceWithOptions } from 'adminjs';
import type { HubCore } from '#api/core/hub-core.ts';
import { communityUpdates } from '#api/db/schema/index.ts';
import { ErrorCode, isAppError } from '#api/errors/app-error.ts';
import { publishCommunityUpdate } from '#api/updates/publish-community-update.ts';
import { DrizzleResource } from '../adapter/drizzle-resource.ts';
import { toColumnValues } from '../adapter/to-column-values.ts';
import { builtInActionAccess } from './resource-access.ts';
import { moderatorName } from './use-case-action.ts';

const FORM_FIELDS = ['communityId', 'title', 'body', 'expiresAt'] as const;

/**
 * Announcements to a community's chats. "Publish update" (AdminJS's new form) calls the core, which
 * saves, indexes and queues delivery; the list shows each chat's delivery outcome. Published updates
 * are not edited or deleted here: the core has no use case to withdraw one from chats and search.
 */
export function communityUpdatesResource(core: HubCore): ResourceWithOptions {
  // The adapter never inserts here (not creatable); `writable` only makes the form fields editable.
  const resource = new DrizzleResource(core.db, communityUpdates, { writable: [...FORM_FIELDS] });
  return {
    resource,
    options: {
      navigation: { name: 'Community', icon: 'Users' },
      titleProperty: 'title',
      sort: { sortBy: 'createdAt', direction: 'desc' },
      listProperties: ['title', 'communityId', 'publishedBy', 'publishedAt', 'expiresAt', 'deliveries'],
      filterProperties: ['communityId', 'title', 'publishedBy', 'publishedAt'],
      editProperties: [...FORM_FIELDS],
      showProperties: ['title', 'body', 'communityId', 'publishedBy', 'publishedAt', 'expiresAt', 'deliveries', 'documentId', 'createdAt', 'id'],
      properties: {
        body: { type: 'textarea' },
        communityId: { description: 'Leave empty to publish to every community.' },
        deliveries: { description: 'Per chat: "sent" or the error the chat platform gave.' },
      },
      actions: {
        ...builtInActionAccess(resource),
        new: { isAccessible: true, icon: 'Send', handler: (request, _response, context) => publish(core, request, context) },
        edit: { isAccessible: false },
      },
    },
  };
}

async function publish(core: HubCore, request: ActionRequest, context: ActionContext): Promise<RecordActionResponse> {
  const resource = context.resource as DrizzleResource;
  const { currentAdmin, h } = context;
  try {
    const input = toColumnValues(resource.spec, request.payload ?? {}, 'create');
    const update = await publishCommunityUpdate(core, {
      communityId: (input.communityId as string | null | undefined) ?? null,
      title: String(input.title),
      body: String(input.body),
      publishedBy: moderatorName(context),
      expiresAt: (input.expiresAt as Date | null | undefined) ?? null,
    });
    const record = (await resource.findOne(update.id)) ?? resource.build({ id: update.id });
    return {
      record: record.toJSON(currentAdmin),
      redirectUrl: h.recordActionUrl({ resourceId: resource.id(), recordId: update.id, actionName: 'show' }),
      notice: { message: 'Published: saved, searchable, and queued for delivery to the community’s chats.', type: 'success' },
    };
  } catch (error) {
    if (!isAppError(error) || error.code === ErrorCode.internal) throw error;
    // The form keeps what was typed and shows why it was not published.
    return { record: resource.build(request.payload ?? {}).toJSON(currentAdmin), notice: { message: error.message, type: 'error' } };
  }
}
