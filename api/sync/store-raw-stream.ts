import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AppError, ErrorCode, invalidInput } from '../errors/app-error.ts';
import { keyFor, type RawFileStore } from '../storage/raw-file-store.ts';

/**
 * Writes a raw file arriving as a stream (a sync peer's upload or download) into the store without
 * holding it in memory: hashed on the way, kept only when the bytes are exactly `sha256`.
 */
export async function storeRawStream(files: RawFileStore, source: Readable, sha256: string, maxBytes: number): Promise<string> {
  const key = keyFor(sha256);
  const target = files.pathOf(key);
  if (await files.exists(key)) {
    source.resume();
    return key;
  }
  await mkdir(path.dirname(target), { recursive: true });
  const temp = `${target}.${randomBytes(6).toString('hex')}.partial`;
  const hash = createHash('sha256');
  let size = 0;
  const measure = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      size += chunk.length;
      if (size > maxBytes) return done(new AppError(ErrorCode.payloadTooLarge, `The file is larger than ${maxBytes} bytes.`));
      hash.update(chunk);
      done(null, chunk);
    },
  });
  try {
    await pipeline(source, measure, createWriteStream(temp));
    const actual = hash.digest('hex');
    if (actual !== sha256) throw invalidInput(`The bytes received hash to ${actual}, not ${sha256}: the transfer was cut or altered.`);
    await rename(temp, target);
    return key;
  } finally {
    await rm(temp, { force: true }).catch(() => {});
  }
}
