import type { HubConfig } from '../config/load-config.ts';
import type { DatabaseHandle } from './database.ts';
import { migrateDatabase } from './migrate-database.ts';

/**
 * Opens the configured database (server when DATABASE_URL is set, embedded otherwise) and migrates it.
 * Each driver is imported only when used: a cloud instance on PostgreSQL never loads PGlite.
 */
export async function openDatabase(config: Pick<HubConfig, 'DATABASE_URL' | 'dataDir'>): Promise<DatabaseHandle> {
  const handle = config.DATABASE_URL
    ? await (await import('./open-postgres.ts')).openPostgres(config.DATABASE_URL)
    : await (await import('./open-pglite.ts')).openPglite(config.dataDir);
  try {
    await migrateDatabase(handle);
    return handle;
  } catch (error) {
    await handle.close().catch(() => {});
    throw error;
  }
}
