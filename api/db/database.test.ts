import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testEngine } from '../../test/support/test-database.ts';
import type { DatabaseHandle } from './database.ts';
import { queryRows } from './database.ts';
import { communities, documents } from './schema/index.ts';

describe(`database on ${testEngine}`, () => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await createTestDatabase();
  });
  afterAll(async () => {
    await handle?.close();
  });

  it('has pgvector and pg_trgm installed by the migrations', async () => {
    const rows = await queryRows<{ extname: string }>(handle.db, sql`SELECT extname FROM pg_extension ORDER BY extname`);
    expect(rows.map((r) => r.extname)).toEqual(expect.arrayContaining(['vector', 'pg_trgm']));
  });

  it('refuses the same bytes twice in one community, also for global documents', async () => {
    const [community] = await handle.db.insert(communities).values({ slug: 'riverside', name: 'Riverside' }).returning();
    const row = {
      filename: 'a.txt', fileType: 'txt', mimeType: 'text/plain', sizeBytes: 3, sha256: 'abc', rawFileKey: 'ab/abc', status: 'queued' as const,
    };
    await handle.db.insert(documents).values({ ...row, communityId: null });
    const unique = { code: '23505', constraint: 'documents_community_sha256_unique' };
    expect(await violation(handle.db.insert(documents).values({ ...row, communityId: null }))).toEqual(unique);
    await handle.db.insert(documents).values({ ...row, communityId: community!.id });
    expect(await violation(handle.db.insert(documents).values({ ...row, communityId: community!.id }))).toEqual(unique);
  });
});

/** The constraint a statement broke, as the driver reports it under drizzle's wrapper (null: it did not fail). */
async function violation(statement: PromiseLike<unknown>): Promise<{ code: unknown; constraint: unknown } | null> {
  const error = await Promise.resolve(statement).then(() => null, (caught: unknown) => caught as { cause?: unknown });
  if (!error) return null;
  const cause = (error.cause ?? error) as { code?: unknown; constraint?: unknown };
  return { code: cause.code, constraint: cause.constraint };
}
