import type { ResourceWithOptions } from 'adminjs';
import type { HubDatabase } from '#api/db/database.ts';
import { syncConflicts, syncLog } from '#api/db/schema/index.ts';
import { invalidInput } from '#api/errors/app-error.ts';
import { resolveConflict, type ConflictChoice } from '#api/sync/resolve-conflict.ts';
import { DrizzleResource } from '../adapter/drizzle-resource.ts';
import type { AdminComponents } from '../panel/admin-components.ts';
import { builtInActionAccess } from './resource-access.ts';
import { useCaseAction } from './use-case-action.ts';

const navigation = { name: 'Sync', icon: 'RefreshCw' };

/** Sync conflicts (read, and resolve: the choice is applied here and syncs to every instance) and the sync log (read-only). */
export function syncResources(db: HubDatabase, components: Pick<AdminComponents, 'ResolveConflictForm'>): ResourceWithOptions[] {
  const conflicts = new DrizzleResource(db, syncConflicts);
  const log = new DrizzleResource(db, syncLog);
  return [
    {
      resource: conflicts,
      options: {
        navigation,
        titleProperty: 'entityId',
        sort: { sortBy: 'createdAt', direction: 'desc' },
        listProperties: ['entityType', 'entityId', 'status', 'resolution', 'resolvedBy', 'createdAt'],
        filterProperties: ['status', 'entityType', 'entityId', 'resolution', 'createdAt'],
        properties: {
          resolution: { description: 'keep_winner: the version in use stayed; keep_other: the other version replaced it; edited: a moderator’s edit replaced it.' },
        },
        actions: {
          ...builtInActionAccess(conflicts),
          resolve: useCaseAction({
            icon: 'Check',
            component: components.ResolveConflictForm,
            isVisible: (params) => params.status === 'open',
            run: (id, moderator, payload) => resolveConflict(db, id, conflictChoiceFrom(payload), moderator),
            success: 'Resolved: your choice is in use here and reaches the other instances with the next sync.',
          }),
        },
      },
    },
    {
      resource: log,
      options: {
        navigation,
        titleProperty: 'operation',
        sort: { sortBy: 'createdAt', direction: 'desc' },
        listProperties: ['createdAt', 'direction', 'entityType', 'entityId', 'operation', 'status', 'error'],
        filterProperties: ['direction', 'status', 'entityType', 'entityId', 'createdAt'],
        actions: builtInActionAccess(log),
      },
    },
  ];
}

/** The resolve form posts `choice` (winner, other, edited) and, for an edit, the edited fields as JSON. */
export function conflictChoiceFrom(payload: Record<string, unknown>): ConflictChoice {
  if (payload.choice === 'winner') return { keep: 'winner' };
  if (payload.choice === 'other') return { keep: 'other' };
  if (payload.choice === 'edited' && typeof payload.edited === 'string') {
    let edited: unknown;
    try {
      edited = JSON.parse(payload.edited);
    } catch {
      throw invalidInput('The edit could not be read: send the edited fields as a JSON object.');
    }
    if (edited && typeof edited === 'object' && !Array.isArray(edited)) return { edited: edited as Record<string, unknown> };
  }
  throw invalidInput('Choose the version in use, the other version, or an edit.');
}
