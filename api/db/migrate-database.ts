import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { migrate as migratePostgres } from 'drizzle-orm/node-postgres/migrator';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import { fileURLToPath } from 'node:url';
import { AppError, ErrorCode } from '../errors/app-error.ts';
import type { DatabaseHandle, HubSchema } from './database.ts';

export const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url));

/** Applies the committed drizzle-kit migrations; safe to run on every start (applied ones are skipped). */
export async function migrateDatabase(handle: DatabaseHandle): Promise<void> {
  try {
    if (handle.engine === 'pglite') {
      await migratePglite(handle.db as unknown as PgliteDatabase<HubSchema>, { migrationsFolder });
    } else {
      await migratePostgres(handle.db as unknown as NodePgDatabase<HubSchema>, { migrationsFolder });
    }
  } catch (error) {
    throw migrationError(handle, error);
  }
}

function migrationError(handle: DatabaseHandle, error: unknown): AppError {
  const cause = (error as { cause?: unknown }).cause ?? error;
  const text = String((cause as Error)?.message ?? cause);
  const hint = /permission denied to create extension|must be superuser|must be owner/i.test(text)
    ? ' The database user may not create extensions: ask a superuser to run `CREATE EXTENSION vector; CREATE EXTENSION pg_trgm;` in this database once.'
    : '';
  return new AppError(ErrorCode.dependencyUnavailable, `Could not migrate the database at ${handle.location}: ${text}.${hint}`, {
    cause: error,
  });
}
