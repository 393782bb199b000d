import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { parseConfig } from '../../api/config/load-config.ts';
import { createHubCore, type HubCore, type HubCoreOptions } from '../../api/core/hub-core.ts';
import { createTestDatabase } from './test-database.ts';

/**
 * A complete hub core for one test file: its own database, a temporary data dir, quiet logs. `env`
 * holds settings as they would appear in the environment (strings).
 */
export async function createTestCore(
  env: Record<string, string> = {},
  options: Omit<HubCoreOptions, 'database'> & { engine?: 'default' | 'pglite' } = {},
): Promise<HubCore> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'hub-test-'));
  const config = parseConfig({ HUB_DATA_DIR: dataDir, LOG_LEVEL: 'silent', ...env });
  const { engine, ...coreOptions } = options;
  const database = await createTestDatabase(engine);
  const core = await createHubCore(config, pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }), { retryDelaySeconds: 1, ...coreOptions, database });
  return {
    ...core,
    async close() {
      await core.close();
      await database.close();
    },
  };
}

/** Polls until `check` returns a value other than undefined, or fails after `timeoutMs`. */
export async function waitFor<T>(check: () => Promise<T | undefined>, timeoutMs = 30_000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
