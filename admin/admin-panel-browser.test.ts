import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HubCore } from '#api/core/hub-core.ts';
import { communities, documents } from '#api/db/schema/index.ts';
import { JobName } from '#api/jobs/job-types.ts';
import { buildServer } from '#api/server.ts';
import { CHROMIUM_PATH, chromiumAvailable, launchOfflineChromium, type OfflineBrowser } from '#test/browser/launch-offline-chromium.ts';
import { createTestCore, waitFor } from '#test/support/test-core.ts';
import { testEngine } from '#test/support/test-database.ts';
import { registerAdminPanel } from './register-admin-panel.ts';
import { ADMIN_TEST_PASSWORD } from './test-support/admin-session.ts';
import { documentRow } from './test-support/seed-admin-rows.ts';

const hasChromium = chromiumAvailable();
if (!hasChromium) console.warn(`skipping the admin browser test: no Chromium at ${CHROMIUM_PATH} (apt-get install -y chromium)`);

const BROWSER_TEST_TIMEOUT_MS = 60_000;
/** One page step (navigation, a click's effect); a broken step fails in seconds, not at the test timeout. */
const STEP_TIMEOUT_MS = 10_000;

describe.skipIf(!hasChromium)(`admin panel in a real browser on ${testEngine}`, () => {
  let core: HubCore;
  let app: FastifyInstance;
  let browser: OfflineBrowser;
  let origin: string;
  let pendingId: string;
  beforeAll(async () => {
    core = await createTestCore({ ADMIN_PASSWORD: ADMIN_TEST_PASSWORD });
    app = await buildServer(core);
    await registerAdminPanel(app, core);
    const [community] = await core.db.insert(communities).values({ slug: 'riverside', name: 'Riverside' }).returning();
    const [pending] = await core.db.insert(documents).values(documentRow('evacuation-routes.txt', 'pending_review', { communityId: community!.id })).returning();
    pendingId = pending!.id;
    origin = await app.listen({ host: '127.0.0.1', port: 0 });
    browser = await launchOfflineChromium(origin);
  }, BROWSER_TEST_TIMEOUT_MS);
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await core?.close();
  });

  it('logs in, opens a pending document, approves it and shows it queued', async () => {
    const page = await browser.context.newPage();
    page.setDefaultTimeout(STEP_TIMEOUT_MS);
    const statusShown = (label: string) => page.getByTestId('property-show-status').getByText(label, { exact: true });
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console: ${message.text()}`);
    });

    await page.goto(`${origin}/admin`);
    await page.waitForURL('**/admin/login');
    await page.fill('input[name=email]', 'admin');
    await page.fill('input[name=password]', ADMIN_TEST_PASSWORD);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL((url) => url.pathname === '/admin');

    await page.goto(`${origin}/admin/resources/documents?filters.status=pending_review`);
    await page.getByText('evacuation-routes.txt').click();
    await page.waitForURL(`**/admin/resources/documents/records/${pendingId}/show`);
    await statusShown('Pending Review').waitFor();
    await page.getByTestId('action-approve').click();
    await page.getByRole('button', { name: 'Confirm' }).click();

    await page.getByText('Approved: the document is queued for processing.').waitFor();
    await statusShown('Queued').waitFor();
    const [row] = await core.db.select().from(documents).where(eq(documents.id, pendingId));
    expect(row).toMatchObject({ status: 'queued', approvedBy: 'admin' });
    expect(await waitFor(async () => ((await core.jobs.isQueued(JobName.processDocument, pendingId)) ? true : undefined), 5_000, 'the processing job')).toBe(true);
    expect(browser.blocked).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  }, BROWSER_TEST_TIMEOUT_MS);
});
