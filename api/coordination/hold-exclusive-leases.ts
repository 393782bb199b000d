import { createHash } from 'node:crypto';
import pg from 'pg';
import type { DatabaseHandle } from '../db/database.ts';
import type { Logger } from '../logging/create-logger.ts';

export interface HeldLeases {
  /** Gives the leases back (ends their connection); safe to call twice. */
  release(): Promise<void>;
}

export interface LeaseOptions {
  logger: Logger;
  /** Logged once when another process holds a lease and this one starts waiting. */
  waitingMessage: string;
  /** Called if the connection holding the leases breaks: another process may take them over now. */
  onLost?: (error: Error) => void;
}

/**
 * Use before starting something that must run in one process per key across every hub process on the
 * same PostgreSQL (a chat bot per platform token). Waits until no other process holds any of `keys`,
 * then holds them until `release()` or the end of the process: PostgreSQL session advisory locks on a
 * dedicated connection, released by the server when the process dies. Keys are hashed here, so
 * secrets never reach the database. The embedded database has a single owner: nothing to hold there.
 */
export async function holdExclusiveLeases(database: DatabaseHandle, keys: string[], options: LeaseOptions): Promise<HeldLeases> {
  if (database.engine !== 'postgres' || !database.pool || keys.length === 0) return { release: async () => {} };
  const { connectionString } = database.pool.options as { connectionString?: string };
  const client = new pg.Client({ connectionString });
  let released = false;
  client.on('error', (error: Error) => {
    if (released) return;
    options.logger.error({ err: error }, 'lost the connection that holds this process\'s exclusive leases');
    options.onLost?.(error);
  });
  await client.connect();
  try {
    // Sorted, so two processes asking for overlapping sets never wait on each other crosswise.
    for (const id of [...new Set(keys.map(leaseId))].sort()) await acquire(client, id, options);
  } catch (error) {
    released = true;
    await client.end().catch(() => {});
    throw error;
  }
  return {
    async release() {
      if (released) return;
      released = true;
      await client.end().catch(() => {});
    },
  };
}

async function acquire(client: pg.Client, id: string, options: LeaseOptions): Promise<void> {
  const tried = await client.query<{ held: boolean }>('SELECT pg_try_advisory_lock($1::bigint) AS held', [id]);
  if (tried.rows[0]?.held) return;
  options.logger.warn(options.waitingMessage);
  await client.query('SELECT pg_advisory_lock($1::bigint)', [id]);
  options.logger.info('took over the exclusive lease');
}

/** A signed 64-bit advisory lock id from a key: the first 8 bytes of its SHA-256. */
function leaseId(key: string): string {
  return createHash('sha256').update(`hub-lease:${key}`).digest().readBigInt64BE(0).toString();
}
