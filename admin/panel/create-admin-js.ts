import AdminJS from 'adminjs';
import type { HubCore } from '#api/core/hub-core.ts';
import { communityResources } from '../resources/community-resources.ts';
import { communityUpdatesResource } from '../resources/community-updates-resource.ts';
import { documentsResource } from '../resources/documents-resource.ts';
import { faqEntriesResource } from '../resources/faq-entries-resource.ts';
import { questionLogResource } from '../resources/question-log-resource.ts';
import { syncResources } from '../resources/sync-resources.ts';
import { createAdminComponents } from './admin-components.ts';
import { adminLocale } from './admin-locale.ts';
import { dashboardData } from './moderation-summary.ts';

/** The AdminJS instance: the hub's resources, its labels and branding without outside images or links. */
export function createAdminJs(core: HubCore, rootPath: string): AdminJS {
  const { loader, components } = createAdminComponents();
  return new AdminJS({
    rootPath,
    loginPath: `${rootPath}/login`,
    logoutPath: `${rootPath}/logout`,
    componentLoader: loader,
    dashboard: { component: components.ModeratorDashboard, handler: async () => dashboardData(core) },
    resources: [
      documentsResource(core, components),
      questionLogResource(core.db),
      ...communityResources(core.db),
      communityUpdatesResource(core),
      faqEntriesResource(core),
      ...syncResources(core.db, components),
    ],
    branding: { companyName: 'Community Resilience Hub', withMadeWithLove: false, logo: false },
    locale: adminLocale,
    settings: { defaultPerPage: 20 },
  });
}
