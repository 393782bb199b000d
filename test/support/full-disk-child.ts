// Run inside `unshare -m` on a tiny tmpfs by raw-file-store tests: stores a file too big for the disk.
import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { createRawFileStore } from '../../api/storage/raw-file-store.ts';

const root = process.argv[2]!;
const bytes = new Uint8Array(256 * 1024).fill(7);
const store = createRawFileStore(root);
try {
  await store.put(bytes, createHash('sha256').update(bytes).digest('hex'));
  console.log(JSON.stringify({ stored: true }));
} catch (error) {
  const left = readdirSync(root, { recursive: true }).map(String).filter((name) => name.endsWith('.partial'));
  console.log(JSON.stringify({ stored: false, code: (error as { code?: string }).code, message: (error as Error).message, partialFiles: left }));
}
