import { and, eq, inArray } from 'drizzle-orm';
import type { HubDatabase } from '../db/database.ts';
import { documents } from '../db/schema/index.ts';
import type { RawFileStore } from '../storage/raw-file-store.ts';

/** Hashes of originals this instance should hold (documents among `changes`) but does not. */
export async function missingRawFiles(
  deps: { db: HubDatabase; files: RawFileStore },
  changes: ReadonlyArray<{ type: string; deleted?: boolean; snapshot: Record<string, unknown> | null }>,
): Promise<string[]> {
  const hashes = [...new Set(changes.filter((c) => c.type === 'document' && !c.deleted && typeof c.snapshot?.sha256 === 'string').map((c) => c.snapshot!.sha256 as string))];
  if (hashes.length === 0) return [];
  const rows = await deps.db
    .selectDistinct({ sha256: documents.sha256, key: documents.rawFileKey })
    .from(documents)
    .where(and(eq(documents.kind, 'file'), inArray(documents.sha256, hashes)));
  const missing: string[] = [];
  for (const row of rows) if (!(await deps.files.exists(row.key))) missing.push(row.sha256);
  return missing;
}
