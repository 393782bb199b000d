import { sql } from 'drizzle-orm';
import type { HubDatabase } from '../db/database.ts';
import type { PeerStatus } from './sync-wire.ts';

/** Notes that a paired instance called, how far it has pulled and what it reported about itself. */
export async function recordPeerVisit(
  db: HubDatabase,
  peer: { instanceId: string; keyId: string },
  seen: { pulledSeq?: number; reported?: PeerStatus },
): Promise<void> {
  await db.execute(sql`
    INSERT INTO sync_peers (instance_id, key_id, last_seen_at, pulled_seq, reported)
    VALUES (${peer.instanceId}, ${peer.keyId}, now(), ${seen.pulledSeq ?? 0}, ${JSON.stringify(seen.reported ?? {})}::jsonb)
    ON CONFLICT (instance_id) DO UPDATE SET key_id = EXCLUDED.key_id, last_seen_at = now(),
      pulled_seq = CASE WHEN ${seen.pulledSeq ?? null}::bigint IS NULL THEN sync_peers.pulled_seq ELSE GREATEST(sync_peers.pulled_seq, EXCLUDED.pulled_seq) END,
      reported = CASE WHEN ${seen.reported ? 'yes' : null}::text IS NULL THEN sync_peers.reported ELSE EXCLUDED.reported END`);
}
