import type { PGlite } from '@electric-sql/pglite';
import type { SQL } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type { Pool } from 'pg';
import type * as schema from './schema/index.ts';

export type HubSchema = typeof schema;
/** The drizzle database, whichever engine is underneath. */
export type HubDatabase = PgDatabase<PgQueryResultHKT, HubSchema>;

export type DatabaseEngine = 'pglite' | 'postgres';

/** An open database and what owns it; `close()` releases the connection(s) and the data-dir lock. */
export interface DatabaseHandle {
  readonly db: HubDatabase;
  readonly engine: DatabaseEngine;
  /** Where the data lives, for people: a data dir or a URL without its password. */
  readonly location: string;
  readonly pglite?: PGlite;
  readonly pool?: Pool;
  close(): Promise<void>;
}

/** Runs a raw SQL statement and returns its rows (both drivers put them in `.rows`). */
export async function queryRows<Row>(db: HubDatabase, statement: SQL): Promise<Row[]> {
  const result = (await db.execute(statement)) as unknown as { rows: Row[] };
  return result.rows;
}
