import type { FastifyInstance } from 'fastify';
import type { HubCore } from '../../api/core/hub-core.ts';
import { buildServer } from '../../api/server.ts';
import { createSyncKey } from '../../api/sync/sync-keys.ts';
import { configuredSyncServer } from '../../api/sync/sync-with-server.ts';
import type { SyncServer } from '../../api/sync/http-sync-server.ts';
import { startWorkers } from '../../workers/start-workers.ts';
import { createTestCore } from '../support/test-core.ts';

export const CLOUD_TOKEN = 'cloud-api-token-0123456789abcdef';

export interface Instance {
  core: HubCore;
  app: FastifyInstance;
  url: string;
}

export interface SyncPair {
  cloud: Instance;
  local: Instance;
  /** The local instance's view of the cloud, as its sync worker uses it. */
  server: SyncServer;
  key: string;
  close(): Promise<void>;
}

/**
 * Two real instances on 127.0.0.1: a cloud one on the suite's engine (PostgreSQL when
 * TEST_DATABASE_URL is set) and a local one on PGlite, paired with a fresh sync key. Workers run on
 * both; sync rounds are run by the test (SYNC_INTERVAL is long), so each step is deliberate.
 */
export async function startSyncPair(
  options: { cloudEnv?: Record<string, string>; localEnv?: Record<string, string>; fetch?: typeof fetch; workers?: boolean } = {},
): Promise<SyncPair> {
  const workers = options.workers ?? true;
  const cloud = await startInstance({ DEPLOYMENT_MODE: 'cloud', HUB_API_TOKEN: CLOUD_TOKEN, LLM_PROVIDER: 'none', ...options.cloudEnv }, 'default', workers);
  const key = (await createSyncKey(cloud.core.db, 'test local')).key;
  const local = await startInstance(
    { DEPLOYMENT_MODE: 'local', LLM_PROVIDER: 'none', SYNC_ENABLED: 'true', SYNC_SERVER_URL: cloud.url, SYNC_API_KEY: key, SYNC_INTERVAL_MINUTES: '600', ...options.localEnv },
    'pglite',
    workers,
  );
  const server = await configuredSyncServer(local.core, options.fetch);
  return {
    cloud,
    local,
    server,
    key,
    async close() {
      for (const instance of [local, cloud]) {
        await instance.app.close().catch(() => {});
        await instance.core.close().catch(() => {});
      }
    },
  };
}

async function startInstance(env: Record<string, string>, engine: 'default' | 'pglite', workers: boolean): Promise<Instance> {
  const core = await createTestCore(env, { engine });
  if (workers) await startWorkers(core);
  const app = await buildServer(core);
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { core, app, url: `http://127.0.0.1:${port}` };
}
