import type { ResourceOptions } from 'adminjs';
import type { DrizzleResource } from '../adapter/drizzle-resource.ts';

/**
 * AdminJS's built-in new/edit/delete actions offered exactly where the adapter allows them, so the
 * buttons and the adapter's checks cannot drift apart.
 */
export function builtInActionAccess(resource: DrizzleResource): NonNullable<ResourceOptions['actions']> {
  const { creatable, deletable } = resource.spec;
  return {
    new: { isAccessible: creatable },
    edit: { isAccessible: resource.isEditable },
    delete: { isAccessible: deletable },
    bulkDelete: { isAccessible: deletable },
  };
}
