import { eq } from 'drizzle-orm';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HubCore } from '#api/core/hub-core.ts';
import { communityUpdates, documents, faqEntries, members, questionLog, syncConflicts, syncMetadata } from '#api/db/schema/index.ts';
import { JobName } from '#api/jobs/job-types.ts';
import { buildServer } from '#api/server.ts';
import { createTestCore } from '#test/support/test-core.ts';
import { testEngine } from '#test/support/test-database.ts';
import { registerAdminPanel } from './register-admin-panel.ts';
import { ADMIN_TEST_PASSWORD, adminApi, logInAsAdmin } from './test-support/admin-session.ts';
import { seedAdminRows, type SeededRows } from './test-support/seed-admin-rows.ts';

describe(`admin panel over HTTP on ${testEngine}`, () => {
  let core: HubCore;
  let app: FastifyInstance;
  let seeded: SeededRows;
  let cookie: string;
  beforeAll(async () => {
    core = await createTestCore({ ADMIN_PASSWORD: ADMIN_TEST_PASSWORD, HUB_API_TOKEN: 'test-token-0123456789abcdef' });
    app = await buildServer(core);
    expect(await registerAdminPanel(app, core)).toEqual({ path: '/admin' });
    seeded = await seedAdminRows(core.db);
    const login = await logInAsAdmin(app);
    cookie = login.cookie!;
  });
  afterAll(async () => {
    await app?.close();
    await core?.close();
  });

  const documentRow = async (filename: string) => (await core.db.select().from(documents).where(eq(documents.id, seeded.documentIds[filename]!)))[0]!;

  it('sends visitors to the login page and refuses a wrong password', async () => {
    const page = await app.inject({ method: 'GET', url: '/admin/resources/documents' });
    expect(page.statusCode).toBe(302);
    expect(page.headers.location).toBe('/admin/login');
    const api = await app.inject({ method: 'GET', url: '/admin/api/resources/documents/actions/list' });
    expect(api.statusCode).toBe(302);
    const wrong = await logInAsAdmin(app, 'correct-horse-batterY');
    expect(wrong.response.statusCode).toBe(200);
    expect(wrong.response.body).toContain('invalidCredentials');
    const withWrongCookie = await app.inject({ method: 'GET', url: '/admin/api/resources/documents/actions/list', headers: { cookie: wrong.cookie ?? '' } });
    expect(withWrongCookie.statusCode).toBe(302);
  });

  it('does not let an asset path in the query string skip the login (an @adminjs/fastify 4.2 hole)', async () => {
    const pending = seeded.documentIds['100% shelter list.txt']!;
    for (const url of [
      '/admin/api/resources/documents/actions/list?x=/frontend/assets/app.bundle.js',
      `/admin/api/resources/documents/records/${pending}/approve?/frontend/assets/components.bundle.js`,
    ]) {
      const response = await app.inject({ method: 'GET', url });
      expect(response.statusCode).toBe(302);
      expect(response.headers.location).toBe('/admin/login');
    }
    expect((await documentRow('100% shelter list.txt')).status).toBe('pending_review');
    expect((await app.inject({ method: 'GET', url: '/admin/frontend/assets/app.bundle.js' })).statusCode).toBe(200);
  });

  it('logs in with a signed, HttpOnly, SameSite session cookie limited to /admin', async () => {
    const { response } = await logInAsAdmin(app);
    expect(response.statusCode).toBe(302);
    const session = response.cookies.find((c) => c.name === 'hub_admin');
    expect(session).toMatchObject({ path: '/admin', httpOnly: true, sameSite: 'Lax' });
    expect(session?.value).toMatch(/\./);
  });

  it('lists documents with numeric totals and without their content', async () => {
    const list = await adminApi(app, cookie, 'GET', 'resources/documents/actions/list?filters.status=ready&perPage=5');
    expect(list.meta?.total).toBe(2);
    expect(list.records?.map((r) => r.params.status)).toEqual(['ready', 'ready']);
    expect(Object.keys(list.records![0]!.params)).not.toContain('content');
    const shown = await adminApi(app, cookie, 'GET', `resources/documents/records/${seeded.documentIds['100% shelter list.txt']}/show`);
    expect(shown.record?.params).toMatchObject({ contentExcerpt: 'Shelters open at night.', status: 'pending_review' });
  });

  it('approves a pending document through the core: queued, approved by the moderator, job enqueued', async () => {
    const id = seeded.documentIds['100% shelter list.txt']!;
    const result = await adminApi(app, cookie, 'GET', `resources/documents/records/${id}/approve`);
    expect(result.notice?.type).toBe('success');
    expect(await documentRow('100% shelter list.txt')).toMatchObject({ status: 'queued', approvedBy: 'admin' });
    expect(await core.jobs.isQueued(JobName.processDocument, id)).toBe(true);
    const again = await adminApi(app, cookie, 'GET', `resources/documents/records/${id}/approve`);
    expect(again.notice).toMatchObject({ type: 'error', message: expect.stringContaining('waiting for review') });
  });

  it('rejects only with a reason, and reprocesses a failed file in full mode', async () => {
    const id = seeded.documentIds['Water-Plan.txt']!;
    const empty = await adminApi(app, cookie, 'POST', `resources/documents/records/${id}/reject`, { reason: '  ' });
    expect(empty.notice?.type).toBe('error');
    expect((await documentRow('Water-Plan.txt')).status).toBe('ready');
    await adminApi(app, cookie, 'POST', `resources/documents/records/${id}/reject`, { reason: 'Outdated advice' });
    expect(await documentRow('Water-Plan.txt')).toMatchObject({ status: 'rejected', errorReason: 'Outdated advice' });
    const failed = seeded.documentIds['100 shelters.txt']!;
    const reprocessed = await adminApi(app, cookie, 'GET', `resources/documents/records/${failed}/reprocessFull`);
    expect(reprocessed.notice?.type).toBe('success');
    expect(await documentRow('100 shelters.txt')).toMatchObject({ status: 'queued', errorReason: null });
  });

  it('publishes a community update through the core and shows it with its deliveries', async () => {
    const missing = await adminApi(app, cookie, 'POST', 'resources/community_updates/actions/new', { title: 'No body' });
    expect(missing.notice?.type).toBe('error');
    const published = await adminApi(app, cookie, 'POST', 'resources/community_updates/actions/new', {
      title: 'Shelter open', body: 'The school gym is open tonight.', communityId: seeded.riverside,
    });
    expect(published.notice?.type).toBe('success');
    const [update] = await core.db.select().from(communityUpdates);
    expect(update).toMatchObject({ title: 'Shelter open', publishedBy: 'admin', communityId: seeded.riverside, deliveries: {} });
    const [mirror] = await core.db.select().from(documents).where(eq(documents.id, update!.documentId!));
    expect(mirror).toMatchObject({ kind: 'update', status: 'ready' });
    expect(await core.jobs.isQueued(JobName.deliverCommunityUpdate, update!.id)).toBe(true);
    const list = await adminApi(app, cookie, 'GET', 'resources/community_updates/actions/list');
    expect(list.records?.[0]?.params.deliveries).toBe('{}');
  });

  it('shows the open conflict and the sync state on the dashboard', async () => {
    const dashboard = (await adminApi(app, cookie, 'GET', 'dashboard')) as unknown as { openConflicts: number; sync: { mode: string; pendingPush: number } };
    expect(dashboard.openConflicts).toBe(1);
    expect(dashboard.sync).toMatchObject({ mode: 'standalone', pendingPush: 0, peers: 0 });
  });

  it('applies a conflict resolution once, and edits only what is editable', async () => {
    const conflictAction = (choice: Record<string, string>) => adminApi(app, cookie, 'POST', `resources/sync_conflicts/records/${seeded.conflictId}/resolve`, choice);
    expect((await conflictAction({ choice: 'edited', edited: 'not json' })).notice?.type).toBe('error');
    expect((await conflictAction({ choice: 'edited', edited: '{"nonsense": 1}' })).notice?.message).toMatch(/Not fields of this faq_entry: nonsense/);
    const resolved = await conflictAction({ choice: 'other' });
    expect(resolved.notice).toMatchObject({ type: 'success' });
    const [conflict] = await core.db.select().from(syncConflicts);
    expect(conflict).toMatchObject({ status: 'resolved', resolution: 'keep_other', resolvedBy: 'admin' });
    // The other version is now the data, recorded as this instance's change so that it syncs.
    const [entry] = await core.db.select().from(faqEntries).where(eq(faqEntries.id, seeded.conflictFaqId));
    expect(entry!.answer).toBe('At the church.');
    const [meta] = await core.db.select().from(syncMetadata).where(eq(syncMetadata.entityId, seeded.conflictFaqId));
    expect(meta!.generation).toBeGreaterThan(1);
    expect((await conflictAction({ choice: 'winner' })).notice?.message).toMatch(/already resolved/);
    await adminApi(app, cookie, 'POST', `resources/members/records/${seeded.memberId}/edit`, { role: 'moderator', platformUserId: 'forged' });
    expect((await core.db.select().from(members))[0]).toMatchObject({ role: 'moderator', platformUserId: '42' });
    const [question] = await core.db.select().from(questionLog);
    const refused = await adminApi(app, cookie, 'POST', `resources/question_log/records/${question!.id}/edit`, { answer: 'changed' });
    expect(refused.notice?.type).toBe('error');
    expect((await core.db.select().from(questionLog).where(eq(questionLog.id, question!.id)))[0]?.answer).toBe(question!.answer);
  });

  it('creates, edits and deletes FAQ entries through the core: stamped with the moderator, searchable, then gone', async () => {
    await adminApi(app, cookie, 'POST', 'resources/faq_entries/actions/new', { question: 'Where is water?', answer: 'Town hall.', createdBy: 'mallory' });
    const [entry] = await core.db.select().from(faqEntries).where(eq(faqEntries.question, 'Where is water?'));
    expect(entry).toMatchObject({ question: 'Where is water?', createdBy: 'admin' });
    // Saving made it searchable: a `faq` document the bot can cite.
    const [mirror] = await core.db.select().from(documents).where(eq(documents.id, entry!.documentId!));
    expect(mirror).toMatchObject({ kind: 'faq', status: 'ready', content: '# Where is water?\n\nTown hall.' });
    await adminApi(app, cookie, 'POST', `resources/faq_entries/records/${entry!.id}/edit`, { question: 'Where is water?', answer: 'Fire station.' });
    expect((await core.db.select().from(documents).where(eq(documents.id, mirror!.id)))[0]?.content).toContain('Fire station.');
    await adminApi(app, cookie, 'POST', `resources/faq_entries/records/${entry!.id}/delete`);
    expect(await core.db.select().from(faqEntries).where(eq(faqEntries.id, entry!.id))).toHaveLength(0);
    expect(await core.db.select().from(documents).where(eq(documents.id, mirror!.id))).toHaveLength(0);
  });

  it('serves pages without outside requests, with security headers, and refuses cross-site API calls', async () => {
    const page = await app.inject({ method: 'GET', url: '/admin', headers: { cookie } });
    expect(page.statusCode).toBe(200);
    expect(page.body.includes('fonts.googleapis.com')).toBe(false);
    expect(page.headers['content-security-policy']).toContain("default-src 'self'");
    const bundle = await app.inject({ method: 'GET', url: '/admin/frontend/assets/components.bundle.js', headers: { cookie } });
    expect(bundle.body).toContain('RejectDocumentForm');
    expect(bundle.body).toContain('ResolveConflictForm');
    const crossSite = await app.inject({
      method: 'GET', url: `/admin/api/resources/documents/records/${seeded.documentIds['firstXaid.txt']}/show`, headers: { cookie, 'sec-fetch-site': 'cross-site' },
    });
    expect(crossSite.statusCode).toBe(403);
    // An encoded path reaches the same API route: the guard must see it as the router does.
    const encoded = await app.inject({
      method: 'GET', url: `/admin/%61pi/resources/documents/records/${seeded.documentIds['firstXaid.txt']}/show`, headers: { cookie, 'sec-fetch-site': 'cross-site' },
    });
    expect(encoded.statusCode).toBe(403);
    const sameOrigin = await app.inject({ method: 'GET', url: `/admin/%61pi/resources/documents/records/${seeded.documentIds['firstXaid.txt']}/show`, headers: { cookie } });
    expect(sameOrigin.statusCode).toBe(200);
  });

  it('leaves the API working beside the panel', async () => {
    expect((await app.inject({ method: 'GET', url: '/health' })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/api/documents', headers: { authorization: 'Bearer test-token-0123456789abcdef' } })).statusCode).toBe(200);
  });
});

describe('admin panel without a password', () => {
  it('shows how to enable it instead of a login', async () => {
    const app = Fastify();
    const core = { config: { ADMIN_PASSWORD: undefined } } as unknown as HubCore;
    expect(await registerAdminPanel(app, core)).toBeNull();
    const page = await app.inject({ method: 'GET', url: '/admin/login' });
    expect(page.statusCode).toBe(503);
    expect(page.body).toContain('ADMIN_PASSWORD');
    await app.close();
  });
});
