import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../errors/app-error.ts';
import { createRawFileStore, keyFor, StagedTooLargeError } from './raw-file-store.ts';

const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('raw file store', () => {
  it('stores bytes under their hash, once', async () => {
    const store = createRawFileStore(mkdtempSync(path.join(os.tmpdir(), 'hub-files-')));
    const bytes = new TextEncoder().encode('boil water for one minute');
    const key = await store.put(bytes, sha(bytes));
    expect(key).toBe(`${sha(bytes).slice(0, 2)}/${sha(bytes).slice(2, 4)}/${sha(bytes)}`);
    expect(readFileSync(store.pathOf(key), 'utf8')).toBe('boil water for one minute');
    expect(await store.put(bytes, sha(bytes))).toBe(key);
    expect(await store.exists(key)).toBe(true);
  });

  it('stages a stream without holding it, hashes it on the way, and keeps or discards it', async () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'hub-files-'));
    const store = createRawFileStore(root);
    async function* pieces() {
      for (let index = 0; index < 64; index++) yield new Uint8Array(64 * 1024).fill(index);
    }
    const expected = Buffer.concat(Array.from({ length: 64 }, (_, index) => Buffer.alloc(64 * 1024, index)));
    const staged = await store.stage(pieces());
    expect({ sha256: staged.sha256, byteLength: staged.byteLength }).toEqual({ sha256: sha(expected), byteLength: expected.byteLength });
    expect(await store.exists(keyFor(staged.sha256))).toBe(false);
    const key = await staged.keep();
    expect(readFileSync(store.pathOf(key)).equals(expected)).toBe(true);

    const again = await store.stage(pieces());
    expect(await again.keep()).toBe(key); // the same bytes: already there, the staged copy is dropped
    await expect(store.stage(pieces(), { maxBytes: 1024 * 1024 })).rejects.toBeInstanceOf(StagedTooLargeError);
    const discarded = await store.stage(pieces());
    await discarded.discard();
    expect(readdirSync(path.join(root, '.staging'))).toEqual([]);
  });

  it('never turns a key into a path outside the store', () => {
    const store = createRawFileStore('/srv/files');
    expect(() => store.pathOf('../../etc/passwd')).toThrow(/Not a raw file key/);
  });

  it('reports a store it cannot create clearly', async () => {
    const root = path.join(mkdtempSync(path.join(os.tmpdir(), 'hub-files-')), 'not-a-dir');
    writeFileSync(root, 'a file where the store folder should be');
    const store = createRawFileStore(root);
    const bytes = new Uint8Array([1, 2, 3]);
    await expect(store.put(bytes, sha(bytes))).rejects.toMatchObject({ code: ErrorCode.dependencyUnavailable, message: /Could not store the file/ });
  });

  // A real full disk needs a tiny tmpfs, which only root can mount (in a private mount namespace).
  const canMount = process.getuid?.() === 0 && spawnSync('unshare', ['-m', 'true']).status === 0;
  it.skipIf(!canMount)('says the disk is full and leaves no partial file behind', () => {
    const mountPoint = mkdtempSync(path.join(os.tmpdir(), 'hub-full-'));
    const child = path.resolve(import.meta.dirname, '../../test/support/full-disk-child.ts');
    const result = spawnSync('unshare', ['-m', 'sh', '-c', `mount -t tmpfs -o size=64k tmpfs "$1" && "$2" "$3" "$1"`, 'sh', mountPoint, process.execPath, child], {
      encoding: 'utf8',
    });
    const outcome = JSON.parse(result.stdout.trim()) as { stored: boolean; code: string; message: string; partialFiles: string[] };
    expect(outcome.stored).toBe(false);
    expect(outcome.code).toBe(ErrorCode.dependencyUnavailable);
    expect(outcome.message).toMatch(/disk holding .* is full/);
    expect(outcome.partialFiles).toEqual([]);
  });
});
