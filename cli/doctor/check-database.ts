import { sql } from 'drizzle-orm';
import type { HubConfig } from '#api/config/load-config.ts';
import { queryRows } from '#api/db/database.ts';
import { openDatabase } from '#api/db/open-database.ts';
import { ErrorCode, isAppError } from '#api/errors/app-error.ts';
import { ok, problem, type CheckResult } from './check-result.ts';

/** Database reachable and migrated, pgvector present (with its version). */
export async function checkDatabase(config: HubConfig): Promise<CheckResult[]> {
  let database;
  try {
    database = await openDatabase(config);
  } catch (error) {
    if (isAppError(error) && error.code === ErrorCode.dataDirLocked) {
      return [ok('Database', `embedded, in use by the running hub (${config.dataDir})`)];
    }
    return [problem('Database', isAppError(error) ? error.message : String(error))];
  }
  try {
    const [row] = await queryRows<{ version: string }>(database.db, sql`SELECT extversion AS version FROM pg_extension WHERE extname = 'vector'`);
    return [
      ok('Database', `${database.engine} at ${database.location}, migrated`),
      row ? ok('pgvector', `version ${row.version}`) : problem('pgvector', 'extension missing: run CREATE EXTENSION vector as a superuser'),
    ];
  } finally {
    await database.close();
  }
}
