import { sql } from 'drizzle-orm';
import type { HubCore } from './hub-core.ts';

/** A database that does not answer within this is "not ready": a probe must not hang with it. */
const DATABASE_PING_TIMEOUT_MS = 3_000;

export interface DatabasePing {
  up: boolean;
  detail: string;
}

/** Asks the database for `SELECT 1`, giving up after a few seconds. */
export async function pingDatabase(core: HubCore): Promise<DatabasePing> {
  let timer: NodeJS.Timeout | undefined;
  try {
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${DATABASE_PING_TIMEOUT_MS} ms`)), DATABASE_PING_TIMEOUT_MS);
    });
    await Promise.race([core.db.execute(sql`SELECT 1`), timeout]);
    return { up: true, detail: `${core.database.engine} at ${core.database.location}` };
  } catch (error) {
    return { up: false, detail: `${core.database.engine} not answering: ${(error as Error).message}` };
  } finally {
    clearTimeout(timer);
  }
}

/** Readiness of this process: started, not stopping, database answering; the status names what is not. */
export async function checkReadiness(core: HubCore): Promise<{ ready: boolean; status: string }> {
  if (core.lifecycle.state !== 'ready') return { ready: false, status: core.lifecycle.state };
  const database = await pingDatabase(core);
  return database.up ? { ready: true, status: 'ready' } : { ready: false, status: 'database_unavailable' };
}
