import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { communityUpdates, documents, syncConflicts } from '../../api/db/schema/index.ts';
import { resolveConflict } from '../../api/sync/resolve-conflict.ts';
import { readSyncStatus } from '../../api/sync/sync-status.ts';
import { syncWithServer } from '../../api/sync/sync-with-server.ts';
import { answerQuestion } from '../../api/rag/answer-question.ts';
import { publishCommunityUpdate } from '../../api/updates/publish-community-update.ts';
import { makeScannedPdf } from '../fixtures/make-fixtures.ts';
import { multipartBody } from '../support/multipart-body.ts';
import { waitFor } from '../support/test-core.ts';
import { testEngine } from '../support/test-database.ts';
import { CLOUD_TOKEN, startSyncPair, type Instance, type SyncPair } from './sync-pair.ts';

async function uploadToCloud(cloud: Instance, filename: string, bytes: Uint8Array): Promise<string> {
  const body = multipartBody({ community: 'riverside' }, { field: 'file', filename, content: bytes });
  const response = await cloud.app.inject({ method: 'POST', url: '/api/documents', headers: { authorization: `Bearer ${CLOUD_TOKEN}`, 'content-type': body.contentType }, payload: body.payload });
  expect(response.statusCode).toBe(201);
  return response.json().id;
}

async function documentRow(instance: Instance, id: string) {
  const [row] = await instance.core.db.select().from(documents).where(eq(documents.id, id));
  return row;
}

describe(`a cloud instance on ${testEngine} paired with a local one on pglite`, { timeout: 180_000 }, () => {
  let pair: SyncPair;

  beforeAll(async () => {
    // The local instance knows a Groq key (its server is unreachable here): offline mode must leave it out.
    pair = await startSyncPair({ localEnv: { LLM_PROVIDER: 'auto', GROQ_API_KEY: 'gsk_offline_test', GROQ_BASE_URL: 'http://127.0.0.1:9', LLM_MAX_RETRIES: '0' } });
  }, 180_000);
  afterAll(async () => {
    await pair?.close();
  });

  it('OCRs a scan uploaded to the cloud on the local instance and the cloud then answers from it', async () => {
    const id = await uploadToCloud(pair.cloud, 'flood-notice.pdf', await makeScannedPdf());
    const basic = await waitFor(async () => {
      const row = await documentRow(pair.cloud, id);
      return row?.status === 'ready' ? row : undefined;
    }, 60_000, 'basic processing in the cloud');
    expect(basic).toMatchObject({ processingMode: 'cloud_simple', needsFullProcessing: true });

    const round = await syncWithServer(pair.local.core, pair.server);
    expect(round.error).toBeNull();
    expect(round.report).toMatchObject({ processed: 1 });
    expect(round.status.mode).toBe('normal');

    const full = await documentRow(pair.cloud, id);
    expect(full).toMatchObject({ processingMode: 'local_full', needsFullProcessing: false, status: 'ready' });
    expect(full!.processedAt).not.toBeNull();
    expect(full!.content).toMatch(/Flood Warning/i);
    const [community] = await pair.cloud.core.db.query.communities.findMany({ where: (c, { eq: is }) => is(c.slug, 'riverside') });
    const answer = await answerQuestion(pair.cloud.core.rag, { question: 'what should I move upstairs before the water reaches the street', communityId: community!.id, channel: 'api' });
    expect(answer.citations[0]).toMatchObject({ documentId: id });
    expect(answer.answer).toMatch(/valuables upstairs/i);
    // The local instance holds the same document, original included, and serves it too.
    const local = await documentRow(pair.local, id);
    expect(local).toMatchObject({ processingMode: 'local_full', status: 'ready' });
    expect(await pair.local.core.files.exists(local!.rawFileKey)).toBe(true);
  });

  it('turns an update edited on both sides while partitioned into one conflict with the same winner, and a resolution reaches the other side', async () => {
    const update = await publishCommunityUpdate(pair.cloud.core, { communityId: null, title: 'Water point', body: 'The water point is at the school.', publishedBy: 'cloud moderator' });
    await syncWithServer(pair.local.core, pair.server);
    // Partition: both edit the same update.
    await pair.cloud.core.db.update(communityUpdates).set({ body: 'The water point moved to the fire station.' }).where(eq(communityUpdates.id, update.id));
    await pair.local.core.db.update(communityUpdates).set({ body: 'The water point is at the library now.' }).where(eq(communityUpdates.id, update.id));
    // Healed: two rounds bring each side's version to the other.
    await syncWithServer(pair.local.core, pair.server);
    await syncWithServer(pair.local.core, pair.server);
    const conflictsCloud = await pair.cloud.core.db.select().from(syncConflicts).where(eq(syncConflicts.entityId, update.id));
    const conflictsLocal = await pair.local.core.db.select().from(syncConflicts).where(eq(syncConflicts.entityId, update.id));
    expect(conflictsCloud).toHaveLength(1);
    expect(conflictsLocal.map((c) => c.id)).toEqual(conflictsCloud.map((c) => c.id));
    const bodyOn = async (instance: Instance) => (await instance.core.db.select().from(communityUpdates).where(eq(communityUpdates.id, update.id)))[0]!.body;
    const winner = conflictsCloud[0]!.winnerVersion.snapshot!.body;
    expect(await bodyOn(pair.cloud)).toBe(winner);
    expect(await bodyOn(pair.local)).toBe(winner);
    expect((await readSyncStatus(pair.local.core)).openConflicts).toBe(1);

    // A moderator on the local instance keeps the other version; the cloud follows.
    const other = conflictsCloud[0]!.otherVersion.snapshot!.body;
    await resolveConflict(pair.local.core.db, conflictsLocal[0]!.id, { keep: 'other' }, 'local moderator');
    await syncWithServer(pair.local.core, pair.server);
    expect(await bodyOn(pair.cloud)).toBe(other);
    expect(await bodyOn(pair.local)).toBe(other);
    const [resolved] = await pair.cloud.core.db.select().from(syncConflicts).where(eq(syncConflicts.entityId, update.id));
    expect(resolved).toMatchObject({ status: 'resolved', resolution: 'keep_other', resolvedBy: 'local moderator' });
  });

  it('keeps serving and queues changes while the cloud is unreachable, then recovers without a manual step', async () => {
    const { createHttpSyncServer } = await import('../../api/sync/http-sync-server.ts');
    const { readInstanceId } = await import('../../api/sync/instance-id.ts');
    const unreachable = createHttpSyncServer({ baseUrl: 'http://127.0.0.1:9', key: pair.key, instanceId: await readInstanceId(pair.local.core.db) });
    const update = await publishCommunityUpdate(pair.local.core, { communityId: null, title: 'Generator', body: 'The generator runs from 18:00.', publishedBy: 'local moderator' });
    const offline = await syncWithServer(pair.local.core, unreachable);
    expect(offline.ok).toBe(false);
    const status = await readSyncStatus(pair.local.core);
    expect(status).toMatchObject({ mode: 'offline' });
    expect(status.pendingPush).toBeGreaterThanOrEqual(1);
    expect(status.lastError).toMatch(/cannot be reached/);
    expect(pair.local.core.rag.chatProviders.map((p) => p.name)).not.toContain('groq');
    // /health shows the mode and what waits, to anyone (no address, no error text).
    const health = (await pair.local.app.inject({ method: 'GET', url: '/health' })).json();
    expect(health.sync).toMatchObject({ mode: 'offline', pendingPush: status.pendingPush, openConflicts: expect.any(Number) });
    expect(JSON.stringify(health)).not.toContain('127.0.0.1:9');
    const back = await syncWithServer(pair.local.core, pair.server);
    expect(pair.local.core.rag.chatProviders.map((p) => p.name)).toContain('groq');
    expect(back.ok).toBe(true);
    expect(back.status.mode).toBe('normal');
    expect((await readSyncStatus(pair.local.core)).pendingPush).toBe(0);
    expect((await pair.local.app.inject({ method: 'GET', url: '/health' })).json().sync).toMatchObject({ mode: 'normal', pendingPush: 0 });
    const localHeaders = pair.local.core.config.HUB_API_TOKEN ? { authorization: `Bearer ${pair.local.core.config.HUB_API_TOKEN}` } : {};
    const metrics = (await pair.local.app.inject({ method: 'GET', url: '/metrics', headers: localHeaders })).body;
    expect(metrics).toMatch(/^hub_sync_lag_seconds\{peer="server"\} \d+$/m);
    expect(metrics).toMatch(/^hub_sync_pending_changes\{direction="push"\} 0$/m);
    const cloudMetrics = (await pair.cloud.app.inject({ method: 'GET', url: '/metrics', headers: { authorization: `Bearer ${CLOUD_TOKEN}` } })).body;
    expect(cloudMetrics).toMatch(/^hub_sync_lag_seconds\{peer="[^"]+"\} \d+$/m);
    const [copy] = await pair.cloud.core.db.select().from(communityUpdates).where(eq(communityUpdates.id, update.id));
    expect(copy?.body).toBe('The generator runs from 18:00.');
  });

  it('refuses a wrong, missing or revoked key with 401 and nothing else, and a sync key opens no other route', async () => {
    const { revokeSyncKey, createSyncKey } = await import('../../api/sync/sync-keys.ts');
    const instance = '5f0c4c4e-0000-4000-8000-000000000001';
    const call = (authorization?: string, url = '/api/sync/pull?cursor=0') =>
      pair.cloud.app.inject({ method: 'GET', url, headers: { 'x-hub-instance': instance, ...(authorization ? { authorization } : {}) } });
    const refusals = [await call(), await call('Bearer nope'), await call(`Bearer ${pair.key.slice(0, -2)}xx`), await call(`Bearer ${pair.key}`)];
    for (const refused of refusals) {
      expect(refused.statusCode).toBe(401);
      expect(refused.json()).toEqual({ error: { code: 'unauthorized', message: 'A valid sync key is required.' } });
    }
    const fresh = await createSyncKey(pair.cloud.core.db, 'second');
    expect((await call(`Bearer ${fresh.key}`)).statusCode).toBe(200);
    expect((await call(`Bearer ${fresh.key}`, '/api/documents')).statusCode).toBe(401);
    await revokeSyncKey(pair.cloud.core.db, fresh.id);
    expect((await call(`Bearer ${fresh.key}`)).statusCode).toBe(401);
  });
});
