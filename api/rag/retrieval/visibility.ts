import { sql, type SQL } from 'drizzle-orm';

/** Who is asking: a community sees its own documents plus global ones; no community sees global only. */
export interface SearchScope {
  communityId: string | null;
}

/**
 * The one place that decides what a question may see, as a condition on chunk alias `c`:
 * - the asker's community or global (checked on the chunk's copy, which the indexes use, and on the
 *   document itself, which is the truth if a document ever moves);
 * - approved documents only, never rejected ones (statuses change after approval, chunks stay);
 * - community updates only while they have not expired.
 * Written as EXISTS so pgvector's iterative index scan can filter row by row and still return k rows.
 */
export function visibleChunkCondition(scope: SearchScope): SQL {
  const chunkScope = scope.communityId
    ? sql`(c.community_id = ${scope.communityId} OR c.community_id IS NULL)`
    : sql`c.community_id IS NULL`;
  const documentScope = scope.communityId
    ? sql`(d.community_id = ${scope.communityId} OR d.community_id IS NULL)`
    : sql`d.community_id IS NULL`;
  return sql`${chunkScope} AND EXISTS (
    SELECT 1 FROM documents d
    WHERE d.id = c.document_id AND ${documentScope}
      AND d.approved_at IS NOT NULL AND d.status <> 'rejected'
      AND (d.kind <> 'update' OR NOT EXISTS (
        SELECT 1 FROM community_updates u WHERE u.document_id = d.id AND u.expires_at IS NOT NULL AND u.expires_at <= now()
      ))
  )`;
}
