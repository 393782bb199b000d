import { PGlite } from '@electric-sql/pglite';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { inject } from 'vitest';
import type { DatabaseHandle } from '../../api/db/database.ts';
import { openPostgres } from '../../api/db/open-postgres.ts';
import { pgliteExtensions, wrapPglite } from '../../api/db/open-pglite.ts';

/**
 * A fresh, migrated database for one test file (`pglite` forces the embedded engine, e.g. for the local
 * side of a sync pair while the suite runs on PostgreSQL): PGlite from the run's snapshot, or a new PostgreSQL
 * database copied from the template when TEST_DATABASE_URL is set. `close()` drops it.
 */
export async function createTestDatabase(engine: 'default' | 'pglite' = 'default'): Promise<DatabaseHandle> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  return serverUrl && engine === 'default' ? createServerDatabase(serverUrl) : createPgliteDatabase();
}

/** Which engine the suite runs on, for test names and engine-specific expectations. */
export const testEngine = process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite';

async function createPgliteDatabase(): Promise<DatabaseHandle> {
  const snapshot = inject('pgliteSnapshot');
  const pglite = await PGlite.create({ loadDataDir: new Blob([readFileSync(snapshot)]), extensions: pgliteExtensions });
  return wrapPglite(pglite, 'memory://test');
}

async function createServerDatabase(serverUrl: string): Promise<DatabaseHandle> {
  const database = await createServerDatabaseUrl(serverUrl);
  const handle = await openPostgres(database.url);
  return {
    ...handle,
    async close() {
      await handle.close();
      await database.drop();
    },
  };
}

/**
 * A new migrated database on the test server, by URL, for tests that run hub processes of their own
 * (only with TEST_DATABASE_URL; PGlite tests give those processes a data dir instead).
 */
export async function createServerDatabaseUrl(serverUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `hub_test_${randomBytes(6).toString('hex')}`;
  await adminQuery(serverUrl, `CREATE DATABASE ${name} TEMPLATE ${inject('serverTemplate')}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => adminQuery(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

async function adminQuery(serverUrl: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
