import { and, eq, ne, sql } from 'drizzle-orm';
import type { HubDatabase } from '../db/database.ts';
import { documents } from '../db/schema/index.ts';
import type { RawFileStore } from '../storage/raw-file-store.ts';

/**
 * Runs `work` in a transaction that holds the lock of one stored file (by its sha256). An upload that
 * adds a row for these bytes and a rejection that deletes them take turns, so a file is never deleted
 * between another upload finding it on disk and its row being committed.
 */
export async function withRawFileLock<T>(db: HubDatabase, sha256: string, work: (tx: HubDatabase) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`raw-file:${sha256}`}))`);
    return work(tx as unknown as HubDatabase);
  });
}

/**
 * Deletes the stored file of a document that no longer needs it (rejected; or `id: null` for an upload
 * whose row was never written), unless another document that is not rejected has the same bytes.
 * Returns whether the file was deleted.
 */
export async function releaseRawFile(
  deps: { db: HubDatabase; files: RawFileStore },
  document: { id: string | null; sha256: string; rawFileKey: string },
): Promise<boolean> {
  if (!document.rawFileKey) return false; // written texts (FAQ, updates) have no file
  return withRawFileLock(deps.db, document.sha256, async (tx) => {
    const others = [eq(documents.sha256, document.sha256), ne(documents.status, 'rejected')];
    if (document.id) others.push(ne(documents.id, document.id));
    const [other] = await tx.select({ id: documents.id }).from(documents).where(and(...others)).limit(1);
    if (other) return false;
    await deps.files.remove(document.rawFileKey);
    return true;
  });
}
