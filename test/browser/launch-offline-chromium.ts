import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

/** Debian's chromium; CI installs it (`apt-get install -y chromium`), playwright cannot download browsers here. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

/** Flags that keep Chromium from phoning home (updates, sync, QUIC probes) and from needing a GPU or sandbox. */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const chromiumAvailable = () => existsSync(CHROMIUM_PATH);

export interface OfflineBrowser {
  context: BrowserContext;
  /** Every request that tried to leave `allowedOrigin` (it was aborted). */
  blocked: string[];
  close(): Promise<void>;
}

/**
 * Headless Chromium with a fresh profile in a temporary directory, where only `allowedOrigin` can be
 * reached: anything else is aborted and recorded, so a test can assert the page needs no internet.
 * Cross-site tests pass several origins, and `extraArgs` such as `--host-resolver-rules=...`.
 */
export async function launchOfflineChromium(allowedOrigin: string | readonly string[], extraArgs: readonly string[] = []): Promise<OfflineBrowser> {
  const allowed = typeof allowedOrigin === 'string' ? [allowedOrigin] : allowedOrigin;
  const userDataDir = mkdtempSync(path.join(os.tmpdir(), 'hub-chromium-'));
  const blocked: string[] = [];
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(userDataDir, { executablePath: CHROMIUM_PATH, headless: true, args: [...CHROMIUM_ARGS, ...extraArgs], timeout: 30_000 });
  } catch (error) {
    rmSync(userDataDir, { recursive: true, force: true });
    throw error;
  }
  await context.route('**/*', async (route) => {
    const url = route.request().url();
    if (allowed.some((origin) => url.startsWith(origin))) return route.continue();
    blocked.push(url);
    return route.abort('blockedbyclient');
  });
  return {
    context,
    blocked,
    async close() {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}
