import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { DatabaseHandle } from '../../api/db/database.ts';
import { openEvalDatabase } from '../../scripts/eval/eval-database.ts';

export type BenchEngine = 'pglite' | 'postgres';

/**
 * A fresh database for one benchmark size: in-memory PGlite, or a new database on the PostgreSQL
 * server at `serverUrl` that is dropped on close (the server must have pgvector available).
 */
export async function openBenchDatabase(engine: BenchEngine, serverUrl: string): Promise<DatabaseHandle> {
  if (engine === 'pglite') return openEvalDatabase();
  const name = `hub_bench_${randomBytes(4).toString('hex')}`;
  await adminQuery(serverUrl, `CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const handle = await openEvalDatabase(url.toString());
  return {
    ...handle,
    async close() {
      await handle.close();
      await adminQuery(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
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
