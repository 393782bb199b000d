import { sql } from 'drizzle-orm';
import { queryRows, type HubDatabase } from '../db/database.ts';

/** This instance's sync identity (created on first use, stored in sync_state). */
export async function readInstanceId(db: HubDatabase): Promise<string> {
  const [row] = await queryRows<{ id: string }>(db, sql`SELECT hub_sync_instance_id() AS id`);
  return row!.id;
}
