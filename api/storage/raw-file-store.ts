import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { AppError, ErrorCode } from '../errors/app-error.ts';

/**
 * Raw uploads on disk, addressed by their sha256 (`ab/cd/abcd...`): the uploader's filename never
 * reaches the file system, and the same bytes are stored once.
 */
export interface RawFileStore {
  readonly root: string;
  /** Stores the bytes (atomically: temp file + rename) and returns their key. */
  put(bytes: Uint8Array, sha256: string): Promise<string>;
  /**
   * Streams bytes to disk without holding them in memory, hashing them on the way; nothing is stored
   * under a key until `keep()`. Use for uploads and archives; `discard()` after a refusal.
   */
  stage(source: AsyncIterable<Uint8Array>, options?: { maxBytes?: number }): Promise<StagedFile>;
  /** Absolute path of a stored file, for parsers that read from disk. */
  pathOf(key: string): string;
  exists(key: string): Promise<boolean>;
  remove(key: string): Promise<void>;
}

export interface StagedFile {
  /** The temporary file (inside the store's directory, so keeping it is a rename). */
  readonly path: string;
  readonly sha256: string;
  readonly byteLength: number;
  /** Moves it under its content key (or drops it when those bytes are already stored); returns the key. */
  keep(): Promise<string>;
  discard(): Promise<void>;
}

const SHA256_HEX = /^[0-9a-f]{64}$/;
const STAGING_DIRECTORY = '.staging';

export function createRawFileStore(root: string): RawFileStore {
  const pathOf = (key: string) => {
    const name = path.basename(key);
    if (!SHA256_HEX.test(name) || key !== keyFor(name)) throw new AppError(ErrorCode.invalidInput, `Not a raw file key: ${key}`);
    return path.join(root, key);
  };
  return {
    root,
    pathOf,
    async put(bytes, sha256) {
      if (!SHA256_HEX.test(sha256)) throw new AppError(ErrorCode.invalidInput, 'sha256 must be 64 lowercase hex characters');
      const key = keyFor(sha256);
      const target = pathOf(key);
      if (await fileExists(target)) return key;
      const temp = `${target}.${randomBytes(6).toString('hex')}.partial`;
      try {
        await mkdir(path.dirname(target), { recursive: true });
        await writeFile(temp, bytes);
        await rename(temp, target);
        return key;
      } catch (error) {
        await rm(temp, { force: true }).catch(() => {});
        throw storageError(root, error);
      }
    },
    async stage(source, options = {}) {
      const temp = path.join(root, STAGING_DIRECTORY, `${randomBytes(8).toString('hex')}.partial`);
      const hash = createHash('sha256');
      let byteLength = 0;
      try {
        await mkdir(path.dirname(temp), { recursive: true });
        await pipeline(
          source,
          async function* (chunks: AsyncIterable<Uint8Array>) {
            for await (const chunk of chunks) {
              byteLength += chunk.byteLength;
              if (options.maxBytes !== undefined && byteLength > options.maxBytes) throw new StagedTooLargeError(options.maxBytes);
              hash.update(chunk);
              yield chunk;
            }
          },
          createWriteStream(temp),
        );
      } catch (error) {
        await rm(temp, { force: true }).catch(() => {});
        if (error instanceof StagedTooLargeError) throw error;
        throw storageError(root, error);
      }
      const sha256 = hash.digest('hex');
      const discard = () => rm(temp, { force: true });
      return {
        path: temp,
        sha256,
        byteLength,
        discard,
        async keep() {
          const key = keyFor(sha256);
          const target = pathOf(key);
          if (await fileExists(target)) {
            await discard();
            return key;
          }
          try {
            await mkdir(path.dirname(target), { recursive: true });
            await rename(temp, target);
            return key;
          } catch (error) {
            await discard().catch(() => {});
            throw storageError(root, error);
          }
        },
      };
    },
    exists: (key) => fileExists(pathOf(key)),
    remove: (key) => rm(pathOf(key), { force: true }),
  };
}

export function keyFor(sha256: string): string {
  return `${sha256.slice(0, 2)}/${sha256.slice(2, 4)}/${sha256}`;
}

async function fileExists(file: string): Promise<boolean> {
  try {
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
}

function storageError(root: string, error: unknown): AppError {
  const code = (error as NodeJS.ErrnoException).code;
  const reason =
    code === 'ENOSPC' || code === 'EDQUOT'
      ? `the disk holding ${root} is full; free some space (or set RAW_FILES_DIR to a larger disk) and send the file again`
      : code === 'EACCES' || code === 'EPERM' || code === 'EROFS'
        ? `the hub may not write to ${root}; fix its permissions or set RAW_FILES_DIR`
        : `writing under ${root} failed (${code ?? (error as Error).message})`;
  return new AppError(ErrorCode.dependencyUnavailable, `Could not store the file: ${reason}.`, { cause: error });
}

/** A staged stream passed its byte limit: nothing was kept. */
export class StagedTooLargeError extends Error {
  readonly limitBytes: number;

  constructor(limitBytes: number) {
    super(`more than ${limitBytes} bytes`);
    this.name = 'StagedTooLargeError';
    this.limitBytes = limitBytes;
  }
}
