import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { acquireDataDirLock } from './data-dir-lock.ts';
import { openPglite } from './open-pglite.ts';

const run = promisify(execFile);
const child = path.resolve(import.meta.dirname, '../../test/support/open-data-dir-child.ts');

describe('one owner per data directory', () => {
  it('refuses a second process with a message naming the owner, and lets it in once the first is gone', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'hub-lock-'));
    const first = await openPglite(dataDir);
    const refused = await run(process.execPath, [child, dataDir]).then(
      () => ({ code: 0, stdout: '' }),
      (error: { stdout: string; code: number }) => error,
    );
    expect(refused.code).toBe(3);
    expect(refused.stdout).toContain(`already in use by process ${process.pid}`);
    expect(refused.stdout).toContain('HUB_DATA_DIR');
    await first.close();
    const admitted = await run(process.execPath, [child, dataDir]);
    expect(admitted.stdout.trim()).toBe('opened');
  }, 60_000);

  it('takes over a lock left by a process that no longer exists', () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'hub-lock-'));
    writeFileSync(path.join(dataDir, 'hub.lock'), JSON.stringify({ pid: 2 ** 22 + 12345, hostname: os.hostname(), startedAt: 'earlier' }));
    const lock = acquireDataDirLock(dataDir);
    expect(existsSync(lock.file)).toBe(true);
    lock.release();
    expect(existsSync(lock.file)).toBe(false);
  });
});
