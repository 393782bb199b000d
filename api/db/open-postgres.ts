import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { AppError, ErrorCode } from '../errors/app-error.ts';
import type { DatabaseHandle, HubDatabase } from './database.ts';
import * as schema from './schema/index.ts';

const POOL_SIZE = 10;
const CONNECT_TIMEOUT_MS = 5_000;

/** Connects to a PostgreSQL server (>= 15, with pgvector) and checks it can serve the hub. */
export async function openPostgres(databaseUrl: string): Promise<DatabaseHandle> {
  const location = redactUrl(databaseUrl);
  const pool = new pg.Pool({ connectionString: databaseUrl, max: POOL_SIZE, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
  // An idle client losing its server must not crash the process; the next query reports it.
  pool.on('error', () => {});
  try {
    await checkServer(pool, location);
  } catch (error) {
    await pool.end().catch(() => {});
    throw error;
  }
  const db = drizzle({ client: pool, schema }) as unknown as HubDatabase;
  return { db, engine: 'postgres', location, pool, close: () => pool.end() };
}

async function checkServer(pool: pg.Pool, location: string): Promise<void> {
  let versionNum: number;
  let pgvector: { installed: string | null; available: string | null } | undefined;
  try {
    const version = await pool.query<{ server_version_num: string }>('SHOW server_version_num');
    versionNum = Number(version.rows[0]?.server_version_num);
    const ext = await pool.query<{ installed: string | null; available: string | null }>(
      `SELECT (SELECT extversion FROM pg_extension WHERE extname = 'vector') AS installed,
              (SELECT default_version FROM pg_available_extensions WHERE name = 'vector') AS available`,
    );
    pgvector = ext.rows[0];
  } catch (error) {
    throw new AppError(
      ErrorCode.dependencyUnavailable,
      `Cannot reach PostgreSQL at ${location} (${(error as Error).message}). ` +
        'Start the server and check DATABASE_URL, or unset DATABASE_URL to use the embedded database.',
      { cause: error },
    );
  }
  if (versionNum < 150000) {
    throw new AppError(ErrorCode.dependencyUnavailable, `PostgreSQL at ${location} is too old (${versionNum}); the hub needs 15 or newer.`);
  }
  if (!pgvector?.installed && !pgvector?.available) {
    throw new AppError(
      ErrorCode.dependencyUnavailable,
      `PostgreSQL at ${location} has no pgvector extension. Install it on the server ` +
        '(Debian/Ubuntu: apt install postgresql-<version>-pgvector; or use the pgvector/pgvector Docker image), ' +
        'then run `CREATE EXTENSION vector;` as a superuser in this database.',
    );
  }
}

/** The URL with its password removed, for logs and messages. */
export function redactUrl(databaseUrl: string): string {
  try {
    const url = new URL(databaseUrl);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return 'the configured DATABASE_URL';
  }
}
