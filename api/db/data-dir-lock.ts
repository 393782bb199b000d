import { mkdirSync, openSync, readFileSync, rmSync, writeSync, closeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AppError, ErrorCode } from '../errors/app-error.ts';

interface LockOwner {
  pid: number;
  hostname: string;
  startedAt: string;
}

export interface DataDirLock {
  readonly file: string;
  release(): void;
}

/**
 * Makes this process the only owner of `dataDir`. Two processes on one PGlite data directory both
 * appear to work and silently lose rows, so a second owner is refused with a message saying who holds it.
 * A lock left by a dead process on this host is taken over.
 */
export function acquireDataDirLock(dataDir: string): DataDirLock {
  mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, 'hub.lock');
  const me: LockOwner = { pid: process.pid, hostname: os.hostname(), startedAt: new Date().toISOString() };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, JSON.stringify(me));
      closeSync(fd);
      return { file, release: () => releaseIfOurs(file) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = readOwner(file);
      if (owner && isAlive(owner)) throw lockedError(dataDir, file, owner);
      rmSync(file, { force: true }); // stale: its process is gone
    }
  }
  throw lockedError(dataDir, file, readOwner(file));
}

function readOwner(file: string): LockOwner | null {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as LockOwner;
  } catch {
    return null; // half-written or removed meanwhile: treat as stale
  }
}

function isAlive(owner: LockOwner): boolean {
  if (owner.hostname !== os.hostname()) return true; // cannot check another machine: assume it is running
  if (owner.pid === process.pid) return true;
  try {
    process.kill(owner.pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function releaseIfOurs(file: string): void {
  const owner = readOwner(file);
  if (owner?.pid === process.pid && owner.hostname === os.hostname()) rmSync(file, { force: true });
}

function lockedError(dataDir: string, file: string, owner: LockOwner | null): AppError {
  const who = owner ? `process ${owner.pid} on ${owner.hostname}, started ${owner.startedAt}` : 'another process';
  return new AppError(
    ErrorCode.dataDirLocked,
    `The data directory ${dataDir} is already in use by ${who}. Only one hub process may own it: ` +
      `stop the other one, or point HUB_DATA_DIR at another folder. If no hub is running, delete ${file}.`,
    { details: { dataDir, owner } },
  );
}
