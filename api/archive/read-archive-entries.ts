import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { extract } from 'tar-stream';

/**
 * Calls `visit` for each entry of a .tar.gz archive in order, with the entry's content as a stream
 * that must be consumed (or drained) before the next entry comes. Only regular files are passed on.
 */
export async function readArchiveEntries(archivePath: string, visit: (name: string, content: Readable) => Promise<void>): Promise<void> {
  const entries = extract();
  const reading = pipeline(createReadStream(archivePath), createGunzip(), entries);
  // Either side may fail first (a truncated gzip, a visitor refusing an entry): report the first.
  reading.catch(() => {});
  try {
    for await (const entry of entries) {
      if (entry.header.type === 'file') await visit(entry.header.name, entry as unknown as Readable);
      entry.resume();
    }
  } catch (error) {
    entries.destroy();
    await reading.catch(() => {});
    throw error;
  }
  await reading;
}
