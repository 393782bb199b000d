import { sql } from 'drizzle-orm';
import { PGlite } from '@electric-sql/pglite';
import type { DatabaseHandle } from '../../api/db/database.ts';
import { migrateDatabase } from '../../api/db/migrate-database.ts';
import { pgliteExtensions, wrapPglite } from '../../api/db/open-pglite.ts';
import { openPostgres } from '../../api/db/open-postgres.ts';

/**
 * A throw-away database for one evaluation or benchmark run: in-memory PGlite by default, or the
 * PostgreSQL at `databaseUrl` (its tables are emptied first: point it at a scratch database).
 */
export async function openEvalDatabase(databaseUrl?: string): Promise<DatabaseHandle> {
  const handle = databaseUrl ? await openPostgres(databaseUrl) : wrapPglite(await PGlite.create({ extensions: pgliteExtensions }), 'memory://eval');
  await migrateDatabase(handle);
  await handle.db.execute(sql.raw('TRUNCATE documents, chunks, search_terms, question_log CASCADE'));
  return handle;
}
