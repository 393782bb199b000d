import { ComponentLoader } from 'adminjs';
import { fileURLToPath } from 'node:url';

/** The panel's own React components, registered by name for AdminJS to bundle for the browser. */
export function createAdminComponents() {
  const loader = new ComponentLoader();
  const file = (name: string) => fileURLToPath(new URL(`../components/${name}.ts`, import.meta.url));
  const components = {
    RejectDocumentForm: loader.add('RejectDocumentForm', file('reject-document-form')),
    ModeratorDashboard: loader.add('ModeratorDashboard', file('moderator-dashboard')),
    ResolveConflictForm: loader.add('ResolveConflictForm', file('resolve-conflict-form')),
  } as const;
  return { loader, components };
}

export type AdminComponents = ReturnType<typeof createAdminComponents>['components'];
