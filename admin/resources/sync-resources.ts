import type { ResourceWithOptions } from 'adminjs';
import type { HubDatabase } from '#api/db/database.ts';
import { syncConflicts, syncLog } from '#api/db/schema/index.ts';
import { DrizzleResource } from '../adapter/drizzle-resource.ts';
import { ConflictResolution, recordConflictResolution } from '../sync/record-conflict-resolution.ts';
import { builtInActionAccess } from './resource-access.ts';
import { useCaseAction } from './use-case-action.ts';

const navigation = { name: 'Sync', icon: 'RefreshCw' };
const NOT_APPLIED_YET = 'Only your choice is recorded: applying it to the data comes with the sync work, which is not built yet.';

/** Sync conflicts (read, and record a resolution) and the sync log (read-only). */
export function syncResources(db: HubDatabase): ResourceWithOptions[] {
  const conflicts = new DrizzleResource(db, syncConflicts);
  const log = new DrizzleResource(db, syncLog);
  const isOpen = (params: Record<string, unknown>) => params.status === 'open';
  return [
    {
      resource: conflicts,
      options: {
        navigation,
        titleProperty: 'entityId',
        sort: { sortBy: 'createdAt', direction: 'desc' },
        listProperties: ['entityType', 'entityId', 'status', 'resolution', 'resolvedBy', 'createdAt'],
        filterProperties: ['status', 'entityType', 'entityId', 'resolution', 'createdAt'],
        properties: { resolution: { description: NOT_APPLIED_YET } },
        actions: {
          ...builtInActionAccess(conflicts),
          keepLocal: useCaseAction({
            icon: 'Home',
            guard: `Keep this instance's version? ${NOT_APPLIED_YET}`,
            isVisible: isOpen,
            run: (id, moderator) => recordConflictResolution(db, id, ConflictResolution.keepLocal, moderator),
            success: `Recorded: keep local. ${NOT_APPLIED_YET}`,
          }),
          takeRemote: useCaseAction({
            icon: 'Download',
            guard: `Take the other instance's version? ${NOT_APPLIED_YET}`,
            isVisible: isOpen,
            run: (id, moderator) => recordConflictResolution(db, id, ConflictResolution.takeRemote, moderator),
            success: `Recorded: take remote. ${NOT_APPLIED_YET}`,
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
