import type { HubConfig } from '../config/load-config.ts';
import type { DatabaseHandle } from './database.ts';
import { migrateDatabase } from './migrate-database.ts';
import { openPglite } from './open-pglite.ts';
import { openPostgres } from './open-postgres.ts';

/** Opens the configured database (server when DATABASE_URL is set, embedded otherwise) and migrates it. */
export async function openDatabase(config: Pick<HubConfig, 'DATABASE_URL' | 'dataDir'>): Promise<DatabaseHandle> {
  const handle = config.DATABASE_URL ? await openPostgres(config.DATABASE_URL) : await openPglite(config.dataDir);
  try {
    await migrateDatabase(handle);
    return handle;
  } catch (error) {
    await handle.close().catch(() => {});
    throw error;
  }
}
