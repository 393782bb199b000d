import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { vector } from '@electric-sql/pglite-pgvector';
import { drizzle } from 'drizzle-orm/pglite';
import path from 'node:path';
import { acquireDataDirLock } from './data-dir-lock.ts';
import type { DatabaseHandle, HubDatabase } from './database.ts';
import * as schema from './schema/index.ts';

/** Extensions every PGlite instance must load: reopening a data dir without `vector` breaks vector tables. */
export const pgliteExtensions = { vector, pg_trgm };

/** Opens (creating on first use) the embedded database in `<dataDir>/pglite`, owning the data dir. */
export async function openPglite(dataDir: string): Promise<DatabaseHandle> {
  const lock = acquireDataDirLock(dataDir);
  try {
    const pglite = await PGlite.create({ dataDir: path.join(dataDir, 'pglite'), extensions: pgliteExtensions });
    return wrapPglite(pglite, dataDir, async () => lock.release());
  } catch (error) {
    lock.release();
    throw error;
  }
}

/** Wraps an already created PGlite (tests load a pre-migrated snapshot this way). */
export function wrapPglite(pglite: PGlite, location: string, afterClose: () => Promise<void> = async () => {}): DatabaseHandle {
  const db = drizzle({ client: pglite, schema }) as unknown as HubDatabase;
  return {
    db,
    engine: 'pglite',
    location,
    pglite,
    async close() {
      try {
        if (!pglite.closed) await pglite.close();
      } finally {
        await afterClose();
      }
    },
  };
}
