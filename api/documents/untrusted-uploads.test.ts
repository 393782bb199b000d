import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestCore } from '../../test/support/test-core.ts';
import { testEngine } from '../../test/support/test-database.ts';
import { ensureCommunity } from '../communities/ensure-community.ts';
import { parseConfig } from '../config/load-config.ts';
import type { HubCore } from '../core/hub-core.ts';
import { members } from '../db/schema/index.ts';
import { isAppError } from '../errors/app-error.ts';
import { findDocument, listDocuments } from './document-repository.ts';
import { approveDocument, rejectDocument } from './moderate-document.ts';
import { processDocument } from './process-document.ts';
import { uploadDocument } from './upload-document.ts';

const KB = 1024;

describe(`uploads from untrusted members on ${testEngine}`, () => {
  let core: HubCore;
  let serial = 0;
  beforeAll(async () => {
    core = await createTestCore();
  });
  afterAll(async () => {
    await core?.close();
  });

  /** The core with other quota settings (building a core per setting would cost seconds each). */
  const withQuota = (env: Record<string, string>): HubCore => ({
    ...core,
    config: parseConfig({ HUB_DATA_DIR: core.config.dataDir, RAW_FILES_DIR: core.config.rawFilesDir, ...env }),
  });
  const newMember = async (slug: string) => {
    const community = await ensureCommunity(core.db, slug);
    const [member] = await core.db.insert(members).values({ communityId: community.id, platform: 'telegram', platformUserId: `user-${++serial}` }).returning();
    return { community: slug, memberId: member!.id };
  };
  /** A distinct text file of about `size` bytes. */
  const text = (size = 200) => Buffer.from(`Notice ${++serial}: sandbags at the fire station. `.padEnd(size, 'x'));
  const send = (deps: HubCore, who: { community: string; memberId: string }, bytes = text(), role: 'member' | 'trusted' = 'member') =>
    uploadDocument(deps, { bytes, filename: `notice-${serial}.txt`, community: who.community, uploader: { via: 'telegram', role, memberId: who.memberId } });
  const refusal = async (upload: Promise<unknown>) => {
    const error = await upload.then(() => null, (caught: unknown) => caught);
    if (!isAppError(error)) throw new Error(`expected a refusal, got ${String(error)}`);
    return error;
  };
  const pendingOf = async (communityId: string) => (await listDocuments(core.db, { status: 'pending_review', communityId, limit: 200, offset: 0 })).rows;
  const communityId = async (slug: string) => (await ensureCommunity(core.db, slug)).id;

  it('refuses a member\'s upload past the pending file quota, stores nothing for it, and frees a place on review', async () => {
    const deps = withQuota({ PENDING_UPLOADS_PER_MEMBER: '2' });
    const ana = await newMember('quota-files');
    const first = await send(deps, ana);
    await send(deps, ana);
    const refused = await refusal(send(deps, ana, Buffer.from('the third file, refused')));
    expect(refused.code).toBe('too_many');
    expect(refused.message).toMatch(/2 upload\(s\).*waiting for a moderator.*limit is 2 files/);
    expect(existsSync(core.files.pathOf(keyOfText('the third file, refused')))).toBe(false);
    expect(await pendingOf(await communityId('quota-files'))).toHaveLength(2);
    // Trusted members are not counted against the quota, and a review frees a place.
    expect((await send(deps, ana, text(), 'trusted')).document.status).toBe('queued');
    await approveDocument(deps, first.document.id, 'moderator');
    expect((await send(deps, ana)).document.status).toBe('pending_review');
  });

  it('refuses a member\'s upload past the pending size quota (a second 600 KB file against 1 MB)', async () => {
    const deps = withQuota({ PENDING_UPLOAD_MB_PER_MEMBER: '1' });
    const ben = await newMember('quota-bytes');
    await send(deps, ben, text(600 * KB));
    const refused = await refusal(send(deps, ben, text(600 * KB)));
    expect(refused).toMatchObject({ code: 'too_many', details: { quota: 'member' } });
    expect((await send(deps, ben, text(300 * KB))).document.status).toBe('pending_review');
  });

  it('refuses past the community quota whoever sends it', async () => {
    const deps = withQuota({ PENDING_UPLOADS_PER_COMMUNITY: '3' });
    const senders = await Promise.all([1, 2, 3, 4].map(() => newMember('quota-community')));
    for (const sender of senders.slice(0, 3)) await send(deps, sender);
    const refused = await refusal(send(deps, senders[3]!));
    expect(refused).toMatchObject({ code: 'too_many', details: { quota: 'community' } });
    expect(refused.message).toMatch(/This community already has 3 upload/);
  });

  it('keeps to the quota when one member sends many files at once', async () => {
    const deps = withQuota({ PENDING_UPLOADS_PER_MEMBER: '2' });
    const cleo = await newMember('quota-race');
    const results = await Promise.allSettled([1, 2, 3, 4, 5, 6].map(() => send(deps, cleo)));
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(2);
    expect(await pendingOf(await communityId('quota-race'))).toHaveLength(2);
  });

  it('deletes the file of a rejected document unless another document has the same bytes', async () => {
    const bytes = text();
    const here = await send(core, await newMember('reject-here'), bytes);
    const there = await send(core, await newMember('reject-there'), bytes);
    const path = core.files.pathOf(here.document.rawFileKey);
    expect(there.document.rawFileKey).toBe(here.document.rawFileKey);
    await rejectDocument(core, here.document.id, 'moderator', 'spam');
    expect(existsSync(path)).toBe(true); // still needed by the other community's copy
    await rejectDocument(core, there.document.id, 'moderator', 'spam');
    expect(existsSync(path)).toBe(false);
    expect((await findDocument(core.db, there.document.id))?.status).toBe('rejected');
  });

  describe('a rejection while the document is processed', () => {
    const processWhile = async (during: (id: string) => Promise<void>) => {
      const { document } = await uploadDocument(core, { bytes: text(), filename: 'guide.txt', community: 'processing', uploader: { via: 'api', role: 'trusted' } });
      const outcome = await processDocument(
        { config: core.config, db: core.db, files: core.files, logger: core.logger, indexDocument: () => during(document.id) },
        { documentId: document.id, attempt: 0, finalAttempt: false },
      );
      return { outcome, row: await findDocument(core.db, document.id) };
    };

    it('stays rejected with its reason: the job does not end ready', async () => {
      const { outcome, row } = await processWhile(async (id) => {
        await rejectDocument(core, id, 'moderator', 'not for this community');
      });
      expect(outcome).toEqual({ status: 'skipped', reason: expect.stringMatching(/rejected/) });
      expect(row).toMatchObject({ status: 'rejected', errorCode: 'rejected', errorReason: 'not for this community', approvedAt: null });
    });

    it('stays rejected when processing then fails, and is not retried', async () => {
      const { outcome, row } = await processWhile(async (id) => {
        await rejectDocument(core, id, 'moderator', 'duplicate of the county plan');
        throw new Error('the embedding service went away');
      });
      expect(outcome.status).toBe('skipped');
      expect(row).toMatchObject({ status: 'rejected', errorReason: 'duplicate of the county plan' });
    });
  });
});

function keyOfText(content: string): string {
  const sha = createHash('sha256').update(content).digest('hex');
  return `${sha.slice(0, 2)}/${sha.slice(2, 4)}/${sha}`;
}
