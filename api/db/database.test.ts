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
    await expect(handle.db.insert(documents).values({ ...row, communityId: null })).rejects.toThrow();
    await handle.db.insert(documents).values({ ...row, communityId: community!.id });
    await expect(handle.db.insert(documents).values({ ...row, communityId: community!.id })).rejects.toThrow();
  });
});
