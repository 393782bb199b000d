import type { FastifyInstance } from 'fastify';
import type { HubCore } from '../core/hub-core.ts';
import { webAskRoutes } from './web-ask-routes.ts';
import { webContentRoutes } from './web-content-routes.ts';
import { webInviteRoutes } from './web-invite-routes.ts';

/** `/api/web/*`: what the members' page calls, same-origin, under the API's token rules. */
export async function webApiRoutes(app: FastifyInstance, { core }: { core: HubCore }): Promise<void> {
  await app.register(webAskRoutes, { core });
  await app.register(webContentRoutes, { core });
  await app.register(webInviteRoutes, { core });
}
