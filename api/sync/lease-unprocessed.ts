import { sql } from 'drizzle-orm';
import { queryRows, type HubDatabase } from '../db/database.ts';

/** How long a local instance may take to process a leased document before another may take it. */
export const LEASE_SECONDS = 30 * 60;

export interface LeasedDocument {
  id: string;
  filename: string;
  fileType: string;
  sizeBytes: number;
  sha256: string;
  createdAt: string;
  leaseExpiresAt: string;
}

/**
 * Documents that still need full processing (OCR, office conversion), oldest first, leased to
 * `instanceId` so two local instances do not process the same file at once. A lease that expired, or
 * one the same instance already holds, can be taken again.
 */
export async function leaseUnprocessedDocuments(db: HubDatabase, instanceId: string, limit: number, leaseSeconds = LEASE_SECONDS): Promise<LeasedDocument[]> {
  return db.transaction(async (tx) => {
    const rows = await queryRows<{ id: string; filename: string; file_type: string; size_bytes: string; sha256: string; created_at: Date | string }>(
      tx,
      sql`SELECT d.id, d.filename, d.file_type, d.size_bytes, d.sha256, d.created_at
          FROM documents d LEFT JOIN sync_leases l ON l.document_id = d.id
          WHERE d.kind = 'file' AND d.needs_full_processing AND d.status IN ('ready', 'failed')
            AND (l.document_id IS NULL OR l.expires_at < now() OR l.instance_id = ${instanceId})
          ORDER BY d.created_at, d.id
          LIMIT ${limit}
          FOR UPDATE OF d SKIP LOCKED`,
    );
    if (rows.length === 0) return [];
    const ids = JSON.stringify(rows.map((r) => r.id));
    const leases = await queryRows<{ document_id: string; expires_at: Date | string }>(
      tx,
      sql`INSERT INTO sync_leases (document_id, instance_id, expires_at)
          SELECT value::uuid, ${instanceId}, now() + make_interval(secs => ${leaseSeconds}) FROM jsonb_array_elements_text(${ids}::jsonb)
          ON CONFLICT (document_id) DO UPDATE SET instance_id = EXCLUDED.instance_id, expires_at = EXCLUDED.expires_at
          RETURNING document_id, expires_at`,
    );
    const expiry = new Map(leases.map((l) => [l.document_id, new Date(l.expires_at).toISOString()]));
    return rows.map((r) => ({
      id: r.id,
      filename: r.filename,
      fileType: r.file_type,
      sizeBytes: Number(r.size_bytes),
      sha256: r.sha256,
      createdAt: new Date(r.created_at).toISOString(),
      leaseExpiresAt: expiry.get(r.id)!,
    }));
  });
}

/** Documents waiting for a local instance's full processing (leased or not). */
export async function countUnprocessedDocuments(db: HubDatabase): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    db,
    sql`SELECT count(*)::int AS n FROM documents WHERE kind = 'file' AND needs_full_processing AND status IN ('ready', 'failed')`,
  );
  return Number(row?.n ?? 0);
}

/** Whether `instanceId` may deliver a processed result: it holds the lease, or nobody holds a live one. */
export async function mayDeliverProcessed(db: HubDatabase, documentId: string, instanceId: string): Promise<boolean> {
  const [row] = await queryRows<{ instance_id: string; live: boolean }>(
    db,
    sql`SELECT instance_id, expires_at > now() AS live FROM sync_leases WHERE document_id = ${documentId}`,
  );
  return !row || row.instance_id === instanceId || !row.live;
}

export async function releaseLease(db: HubDatabase, documentId: string): Promise<void> {
  await db.execute(sql`DELETE FROM sync_leases WHERE document_id = ${documentId}`);
}
