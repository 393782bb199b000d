import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inviteLinks } from '../../cli/commands/invite.ts';
import { runHub, startHub } from '../support/run-hub-cli.ts';
import { createServerDatabaseUrl, testEngine } from '../support/test-database.ts';

/** Each `hub` command opens the database in its own process: seconds here, a minute on a loaded 2-core machine. */
const CLI_TEST_TIMEOUT_MS = 240_000;
const GENERATED_CODE = /^[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{2}$/;

describe(`hub invite on ${testEngine}`, () => {
  let env: Record<string, string>;
  let dropServerDatabase: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    const folder = mkdtempSync(path.join(os.tmpdir(), 'hub-invite-'));
    const server = process.env.TEST_DATABASE_URL ? await createServerDatabaseUrl(process.env.TEST_DATABASE_URL) : null;
    dropServerDatabase = server?.drop;
    env = { HUB_DATA_DIR: path.join(folder, 'data'), LOG_LEVEL: 'warn', HOST: '127.0.0.1', PORT: '0', ...(server ? { DATABASE_URL: server.url } : {}) };
    writeFileSync(path.join(folder, 'meeting-point.txt'), 'Meeting point\n\nIn a flood we meet at the school on Mill Road.\n');
    const ingest = await runHub(['ingest', path.join(folder, 'meeting-point.txt'), '--community', 'riverside'], env);
    expect(ingest.code, ingest.stderr).toBe(0);
  }, CLI_TEST_TIMEOUT_MS);
  afterAll(async () => {
    await dropServerDatabase?.();
  });

  const invite = async (args: string[], extraEnv: Record<string, string> = {}) => {
    const result = await runHub(['invite', ...args, '--json'], { ...env, ...extraEnv });
    expect(result.code, result.stderr).toBe(0);
    return JSON.parse(result.stdout) as { slug: string; name: string; code: string | null; links: string[] };
  };

  it('generates a code that travels in the invite link\'s fragment, and prints it again later', async () => {
    const locked = await invite(['riverside', '--new-code']);
    expect(locked.code).toMatch(GENERATED_CODE);
    expect(locked.links[0]).toBe(`http://127.0.0.1:0/?community=riverside#code=${locked.code}`);
    expect(await invite(['riverside'])).toMatchObject({ slug: 'riverside', code: locked.code });
  }, CLI_TEST_TIMEOUT_MS);

  it('says which community does not exist', async () => {
    const missing = await runHub(['invite', 'nowhere'], env);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('no community "nowhere"');
  }, CLI_TEST_TIMEOUT_MS);

  it('asks the running hub when it owns the database', async () => {
    const hub = await startHub({ ...env, PORT: '0' });
    try {
      const port = new URL(hub.url).port;
      const set = await invite(['riverside', '--code', 'FLOOD-2026'], { PORT: port });
      expect(set.code).toBe('FLOOD-2026');
      const status = (await fetch(`${hub.url}/api/web/status?community=riverside`).then((response) => response.json())) as { community: unknown };
      expect(status.community).toMatchObject({ accessCodeRequired: true, admitted: false });
    } finally {
      hub.process.kill('SIGTERM');
      await new Promise((resolve) => hub.process.once('exit', resolve));
    }
  }, CLI_TEST_TIMEOUT_MS);
});

describe('invite links', () => {
  it('names every outside address when the hub listens on all of them', () => {
    const interfaces = {
      lo: [{ address: '127.0.0.1', family: 'IPv4', internal: true }],
      wlan0: [{ address: '192.168.1.20', family: 'IPv4', internal: false }, { address: 'fe80::1', family: 'IPv6', internal: false }],
    } as unknown as ReturnType<typeof os.networkInterfaces>;
    expect(inviteLinks({ HOST: '0.0.0.0', PORT: 3000 }, { slug: 'riverside', name: 'Riverside', code: 'A B' }, interfaces)).toEqual(['http://192.168.1.20:3000/?community=riverside#code=A%20B']);
  });
});
