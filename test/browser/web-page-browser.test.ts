import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HubCore } from '#api/core/hub-core.ts';
import { documents, questionLog } from '#api/db/schema/index.ts';
import { buildServer } from '#api/server.ts';
import { startWorkers } from '#workers/start-workers.ts';
import { buildWebPage } from '../../web/build/build-web-page.ts';
import { startFakeGroq, type FakeChatServer } from '../fakes/fake-groq-server.ts';
import { createTestCore } from '../support/test-core.ts';
import { testEngine } from '../support/test-database.ts';
import { addCommunity, addNewsAndFaq, addReadyDocument, makeWaterGuidePdf } from '../web/seed-web-content.ts';
import { FIND_UNREADABLE } from './check-readable.ts';
import { CHROMIUM_PATH, chromiumAvailable, launchOfflineChromium, type OfflineBrowser } from './launch-offline-chromium.ts';

const hasChromium = chromiumAvailable();
if (!hasChromium) console.warn(`skipping the members' page browser test: no Chromium at ${CHROMIUM_PATH} (apt-get install -y chromium)`);

const TEST_TIMEOUT_MS = 90_000;
const STEP_TIMEOUT_MS = 15_000;
/** A mid-range phone's screen. */
const PHONE = { width: 390, height: 844 };
const CODE = 'RIVER-SIDE-42';
const SCREENSHOTS = path.resolve('test-results/web-page');
/** Runs in the page (this file is compiled without the DOM types): "tag:id" or "tag:text" of the focused element. */
const DESCRIBE_FOCUS = `(() => {
  const element = document.activeElement;
  return element ? element.tagName.toLowerCase() + ':' + (element.id || (element.textContent || '').trim().slice(0, 40)) : '';
})()`;
const BLEACH = 'How many drops of bleach per gallon of water?';
const STANDING = 'How long must bleached water stand before drinking?';

describe.skipIf(!hasChromium)(`the members' page in Chromium on ${testEngine}`, () => {
  let core: HubCore;
  let app: FastifyInstance;
  let groq: FakeChatServer;
  let browser: OfflineBrowser;
  let origin: string;
  let page: Page;
  let guideId: string;
  let pageDir: string;
  const problems: string[] = [];

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    pageDir = mkdtempSync(path.join(os.tmpdir(), 'hub-web-page-'));
    await buildWebPage(pageDir);
    groq = await startFakeGroq({ slowStreamDelayMs: 250 });
    groq.behaviour = 'slowStream';
    core = await createTestCore({ GROQ_API_KEY: 'gsk_fake', GROQ_BASE_URL: groq.url, LLM_MAX_RETRIES: '0' });
    await startWorkers(core);
    const riverside = await addCommunity(core, 'riverside', 'Riverside', CODE);
    await addCommunity(core, 'hilltop', 'Hilltop', 'HILL-TOP-99');
    guideId = await addReadyDocument(core, { bytes: makeWaterGuidePdf(), filename: 'water-guide.pdf' });
    await addNewsAndFaq(core, riverside);
    app = await buildServer(core, { webPageDir: pageDir });
    origin = await app.listen({ host: '127.0.0.1', port: 0 });
    browser = await launchOfflineChromium(origin);
    page = await openPage();
  }, TEST_TIMEOUT_MS);
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await core?.close();
    await groq?.close();
    if (pageDir) rmSync(pageDir, { recursive: true, force: true });
  });

  async function openPage(): Promise<Page> {
    const opened = await browser.context.newPage();
    await opened.setViewportSize(PHONE);
    opened.setDefaultTimeout(STEP_TIMEOUT_MS);
    opened.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    opened.on('console', (message) => {
      // Going offline on purpose, and a wrong access code, make Chromium log the failed requests; anything else is a bug.
      const expected = message.text().includes('net::ERR_INTERNET_DISCONNECTED') || message.text().includes('status of 403 (Forbidden)');
      if (message.type() === 'error' && !expected) problems.push(`console: ${message.text()}`);
    });
    return opened;
  }
  const unreadable: string[] = [];
  /** A screenshot to look at, and every screen shot is also checked for contrast and labels. */
  const shot = async (name: string, target: Page = page) => {
    await target.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
    for (const problem of await target.evaluate<string[]>(FIND_UNREADABLE)) unreadable.push(`${name}: ${problem}`);
  };
  const card = (question: string) => page.locator('li.card', { hasText: question });
  const logged = (question: string) => core.db.select().from(questionLog).where(and(eq(questionLog.question, question), eq(questionLog.channel, 'web')));

  it('opens from an invite link, asks, and shows the cited answer while it streams in', async () => {
    await page.goto(`${origin}/?community=riverside#code=${CODE}`);
    await page.getByText('Community: Riverside').waitFor();
    expect(new URL(page.url()).hash).toBe('');
    await page.getByTestId('sync-mode').getByText('Sync: standalone').waitFor();
    await page.getByLabel('Your question').fill(BLEACH);
    await page.getByRole('button', { name: 'Ask the hub' }).click();

    const answer = card(BLEACH);
    await answer.locator('.answer-text').waitFor();
    const partial = await answer.locator('.answer-text').innerText();
    expect(await answer.getAttribute('aria-busy')).toBe('true');
    await shot('1-answer-streaming');
    await answer.getByText('Answered by: online language model (Groq)').waitFor();
    const full = await answer.locator('.answer-text').innerText();
    expect(full.startsWith(partial.trim().slice(0, 10))).toBe(true);
    expect(full.length).toBeGreaterThan(partial.length);
    expect(full).toContain('8 drops of 6% bleach');
    await expect.poll(() => answer.locator('.sources li').count()).toBeGreaterThan(0);
    await expect.poll(async () => (await logged(BLEACH)).length).toBe(1);
    await shot('2-answer-cited');
  }, TEST_TIMEOUT_MS);

  it('opens a numbered citation: title, section, page, the quoted text and the PDF at that page', async () => {
    await card(BLEACH).getByRole('button', { name: /^Source 1:/ }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('heading', { name: 'Source 1: Emergency Water Guide' }).waitFor();
    await expect.poll(() => dialog.locator('dd').allInnerTexts()).toEqual(['Disinfecting with bleach', '2']);
    expect(await dialog.locator('blockquote.passage').innerText()).toContain('8 drops of unscented 6% bleach');
    const link = dialog.getByRole('link', { name: 'Open the original PDF at page 2' });
    const href = (await link.getAttribute('href'))!;
    expect(href).toBe(`/api/web/documents/${guideId}/file?community=riverside#page=2`);
    const file = await page.request.get(`${origin}${href}`);
    expect(file.status()).toBe(200);
    expect(file.headers()['content-type']).toBe('application/pdf');
    await shot('3-citation');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
  }, TEST_TIMEOUT_MS);

  it('queues a question asked offline, says so, and sends it exactly once when back online', async () => {
    await page.waitForFunction('navigator.serviceWorker.controller !== null');
    await browser.context.setOffline(true);
    // Asked at once: where the browser already counts itself offline (a network namespace with only
    // loopback, as in CI) no `offline` event comes, and the page learns it from the failed send.
    await page.getByLabel('Your question').fill(STANDING);
    await page.keyboard.press('Enter');
    const queued = card(STANDING);
    await queued.getByText('Waiting to be sent').waitFor();
    await page.getByTestId('connection').getByText('Hub not reachable').waitFor();
    await page.getByTestId('queue-notice').getByText('One item is waiting to be sent.').waitFor();
    await shot('4-offline-queued');
    expect(await logged(STANDING)).toHaveLength(0);

    await browser.context.setOffline(false);
    await queued.getByText('Answered by: online language model (Groq)').waitFor();
    await page.getByTestId('queue-notice').waitFor({ state: 'detached' });
    await page.getByTestId('connection').getByText('Connected to the hub').waitFor();
    expect(await logged(STANDING)).toHaveLength(1);
    // The page's retry timer and `online` event must not send it again.
    await page.waitForTimeout(1_500);
    expect(await logged(STANDING)).toHaveLength(1);
    await shot('5-back-online-answered');
  }, TEST_TIMEOUT_MS);

  it('opens offline after a reload, with the FAQ, the updates and the answers already given', async () => {
    await page.getByRole('button', { name: 'FAQ' }).click();
    await page.getByText('Where is the nearest shelter?').waitFor();
    await browser.context.setOffline(true);
    try {
      await page.reload();
      await page.getByText('Community: Riverside').waitFor();
      await card(BLEACH).getByText('Answered by: online language model (Groq)').waitFor();
      await page.getByRole('button', { name: 'FAQ' }).click();
      await page.getByText('Saved copy: the hub is not reachable right now.').waitFor();
      const shelter = page.locator('details.faq', { hasText: 'Where is the nearest shelter?' });
      await shelter.locator('summary').click();
      await shelter.getByText('The school gym on Mill Road').waitFor();
      await shot('6-offline-reload-faq');
      await page.getByRole('button', { name: 'Updates' }).click();
      await page.getByRole('heading', { name: 'Water point open' }).waitFor();
      expect(await page.getByText('Old road closure').count()).toBe(0);
    } finally {
      await browser.context.setOffline(false);
    }
  }, TEST_TIMEOUT_MS);

  it('works with the keyboard alone: ask, open a source, close it, read the FAQ', async () => {
    const keys = await openPage();
    await keys.goto(`${origin}/?community=riverside`);
    await keys.getByText('Community: Riverside').waitFor();
    const focused = () => keys.evaluate<string>(DESCRIBE_FOCUS);
    const tabTo = async (target: string, key = 'Tab', limit = 60) => {
      for (let presses = 0; presses < limit; presses++) {
        if ((await focused()).startsWith(target)) return;
        await keys.keyboard.press(key);
      }
      throw new Error(`${target} never got the focus; last: ${await focused()}`);
    };
    const question = 'At what altitude should water boil longer?';
    await tabTo('textarea:question');
    await keys.keyboard.type(question);
    await keys.keyboard.press('Enter');
    const answer = keys.locator('li.card', { hasText: question });
    await answer.getByText(/^Answered by:/).waitFor();
    await tabTo('button:[1]', 'Shift+Tab');
    await keys.keyboard.press('Enter');
    const dialog = keys.getByRole('dialog');
    await dialog.waitFor();
    expect(await keys.evaluate<boolean>('document.activeElement?.closest("dialog") !== null')).toBe(true);
    await keys.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    expect(await focused()).toMatch(/^button:\[1\]/);
    await tabTo('button:FAQ', 'Shift+Tab');
    await keys.keyboard.press('Enter');
    await expect.poll(focused).toBe('h2:faq-heading');
    await keys.keyboard.press('Tab');
    await keys.keyboard.press('Enter');
    await keys.getByText('The school gym on Mill Road').waitFor();
    await shot('7-keyboard-faq', keys);
    await keys.close();
  }, TEST_TIMEOUT_MS);

  it('sends a document for moderation, also one chosen offline, and asks a locked community for its code', async () => {
    await page.getByRole('button', { name: 'Send a document' }).click();
    await page.getByLabel('Document', { exact: true }).setInputFiles({ name: 'sandbag-depots.txt', mimeType: 'text/plain', buffer: Buffer.from('Sandbags: behind the library and at the fire station.') });
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await page.getByText('sandbag-depots.txt: received. A moderator will check it before it is used in answers.').waitFor();
    const [row] = await core.db.select().from(documents).where(eq(documents.filename, 'sandbag-depots.txt'));
    expect(row).toMatchObject({ status: 'pending_review', uploadedVia: 'web', approvedAt: null });

    await browser.context.setOffline(true);
    await page.getByLabel('Document', { exact: true }).setInputFiles({ name: 'shelter-map.txt', mimeType: 'text/plain', buffer: Buffer.from('Shelters: the school gym and the church hall.') });
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await page.getByText('shelter-map.txt: waiting to be sent.').waitFor();
    await browser.context.setOffline(false);
    await page.getByText('shelter-map.txt: received. A moderator will check it before it is used in answers.').waitFor();
    expect(await core.db.select().from(documents).where(eq(documents.filename, 'shelter-map.txt'))).toHaveLength(1);
    await shot('8-sent-for-review');

    const locked = await openPage();
    await locked.goto(`${origin}/?community=hilltop`);
    await locked.getByRole('heading', { name: 'Hilltop needs an access code' }).waitFor();
    await locked.getByLabel('Access code', { exact: true }).fill('WRONG-CODE');
    await locked.getByRole('button', { name: 'Enter' }).click();
    await locked.getByRole('alert').getByText('That code is not right.').waitFor();
    await shot('9-access-code', locked);
    await locked.getByLabel('Access code', { exact: true }).fill('HILL-TOP-99');
    await locked.getByRole('button', { name: 'Enter' }).click();
    await locked.getByLabel('Your question').waitFor();
    await locked.close();
  }, TEST_TIMEOUT_MS);

  it('asked nothing of the internet, logged no errors, and every screen had readable contrast and labelled fields', () => {
    expect(unreadable.join('\n')).toBe('');
    expect(browser.blocked).toEqual([]);
    expect(problems.join('\n')).toBe('');
  });
});
