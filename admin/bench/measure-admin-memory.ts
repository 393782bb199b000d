/**
 * Resident memory of a hub process with the admin panel loaded vs. the API alone, each in a fresh
 * process on an already created database (PGlite's first initdb peaks far higher and would dominate).
 *
 *   node admin/bench/measure-admin-memory.ts                       # embedded PGlite
 *   node admin/bench/measure-admin-memory.ts postgresql://...      # a PostgreSQL with pgvector
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import { parseConfig } from '#api/config/load-config.ts';
import { createHubCore } from '#api/core/hub-core.ts';
import { buildServer } from '#api/server.ts';
import { registerAdminPanel } from '../register-admin-panel.ts';

const PASSWORD = 'measure-password-123';
const SETTLE_MS = 500;
type Mode = 'prepare' | 'api' | 'admin';

async function measureOne(mode: Mode, dataDir: string, databaseUrl: string | undefined): Promise<void> {
  const config = parseConfig({ HUB_DATA_DIR: dataDir, LOG_LEVEL: 'silent', LLM_PROVIDER: 'none', ADMIN_PASSWORD: PASSWORD, DATABASE_URL: databaseUrl });
  const core = await createHubCore(config, pino({ level: 'silent' }));
  const app = await buildServer(core);
  if (mode === 'admin') await registerAdminPanel(app, core);
  await app.ready();
  if (mode === 'admin') await useAdmin(app);
  else await app.inject({ method: 'GET', url: '/health' });
  for (let round = 0; round < 3; round += 1) {
    (globalThis as { gc?: () => void }).gc?.();
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
  }
  const { rss, heapUsed } = process.memoryUsage();
  await app.close();
  await core.close();
  process.stdout.write(JSON.stringify({ mode, rssMb: Math.round(rss / 1e6), heapMb: Math.round(heapUsed / 1e6) }));
}

/** Logs in and opens a list, a page and the components bundle, like a moderator's first minute. */
async function useAdmin(app: Awaited<ReturnType<typeof buildServer>>): Promise<void> {
  const login = await app.inject({
    method: 'POST',
    url: '/admin/login',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: `email=admin&password=${PASSWORD}`,
  });
  const session = login.cookies.find((cookie) => cookie.name === 'hub_admin');
  const cookie = `hub_admin=${session?.value ?? ''}`;
  for (const url of ['/admin', '/admin/api/resources/documents/actions/list', '/admin/api/dashboard', '/admin/frontend/assets/components.bundle.js']) {
    await app.inject({ method: 'GET', url, headers: { cookie } });
  }
}

function runChild(mode: Mode, dataDir: string, databaseUrl: string | undefined): string {
  const args = ['--expose-gc', fileURLToPath(import.meta.url), '--child', mode, dataDir, ...(databaseUrl ? [databaseUrl] : [])];
  const result = spawnSync(process.execPath, args, { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${mode} run failed: ${result.stderr}`);
  return result.stdout;
}

const [flag, mode, dataDir, childUrl] = process.argv.slice(2);
if (flag === '--child') {
  await measureOne(mode as Mode, dataDir!, childUrl);
} else {
  const databaseUrl = flag;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'hub-admin-memory-'));
  try {
    runChild('prepare', dir, databaseUrl);
    for (const run of ['api', 'admin', 'api', 'admin'] as const) console.log(runChild(run, dir, databaseUrl));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
