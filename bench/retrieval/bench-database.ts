import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { queryRows, type DatabaseHandle } from '../../api/db/database.ts';
import { migrateDatabase } from '../../api/db/migrate-database.ts';
import { openPostgres } from '../../api/db/open-postgres.ts';
import { openEvalDatabase } from '../../scripts/eval/eval-database.ts';

export type BenchEngine = 'pglite' | 'postgres';

export interface BenchDatabase {
  handle: DatabaseHandle;
  /** A kept database that already holds the chunk table of this size: seeding is skipped. */
  reused: boolean;
}

/**
 * The database for one benchmark size: in-memory PGlite, or on the PostgreSQL server at `serverUrl`
 * either a new database dropped on close, or (`keep`) the database `hub_bench_<size>`, kept after the
 * run and reused by the next one when it holds `size` chunks (drop it yourself when done).
 */
export async function openBenchDatabase(engine: BenchEngine, serverUrl: string, size: number, keep: boolean): Promise<BenchDatabase> {
  if (engine === 'pglite') return { handle: await openEvalDatabase(), reused: false };
  if (keep) return openKeptDatabase(serverUrl, size);
  const name = `hub_bench_${randomBytes(4).toString('hex')}`;
  await adminQuery(serverUrl, `CREATE DATABASE ${name}`);
  const handle = await openEvalDatabase(databaseUrl(serverUrl, name));
  return {
    reused: false,
    handle: {
      ...handle,
      async close() {
        await handle.close();
        await adminQuery(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      },
    },
  };
}

async function openKeptDatabase(serverUrl: string, size: number): Promise<BenchDatabase> {
  const name = `hub_bench_${size}`;
  const exists = await adminQuery(serverUrl, `SELECT 1 FROM pg_database WHERE datname = '${name}'`);
  if (exists === 0) await adminQuery(serverUrl, `CREATE DATABASE ${name}`);
  const handle = await openPostgres(databaseUrl(serverUrl, name));
  await migrateDatabase(handle);
  const [row] = await queryRows<{ chunks: string }>(handle.db, sql`SELECT count(*) AS chunks FROM chunks`);
  if (Number(row?.chunks) === size) return { handle, reused: true };
  await handle.db.execute(sql.raw('TRUNCATE communities, documents, chunks, search_terms, question_log CASCADE'));
  return { handle, reused: false };
}

function databaseUrl(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function adminQuery(serverUrl: string, statement: string): Promise<number> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return (await client.query(statement)).rowCount ?? 0;
  } finally {
    await client.end();
  }
}
