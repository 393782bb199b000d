import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { IdbDatabase, IdbFactory, IdbRequest } from './idb-types.ts';
import { installIndexedDb, persistDatabases } from './persisted-indexeddb.ts';

const request = <T>(req: IdbRequest<T>) => new Promise<T>((resolve, reject) => ((req.onsuccess = () => resolve(req.result)), (req.onerror = () => reject(req.error))));

async function openStore(factory: IdbFactory, name: string): Promise<IdbDatabase> {
  const opening = factory.open(name, 3);
  opening.onupgradeneeded = () => {
    opening.result.createObjectStore('inline', { keyPath: 'id', autoIncrement: false }).createIndex('by_room', 'room', { unique: false, multiEntry: false });
    opening.result.createObjectStore('outline', { keyPath: null, autoIncrement: false });
  };
  return request(opening);
}

describe('persistDatabases', () => {
  it('brings back every store, index, key and binary value after a restart, under a new prefix', async () => {
    const factory = await installIndexedDb();
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'hub-idb-')), 'device.crypto');
    const first = await persistDatabases(file, (error) => {
      throw error;
    });
    const db = await openStore(factory, `${first.prefix}::crypto`);
    const tx = db.transaction(['inline', 'outline'], 'readwrite');
    tx.objectStore('inline').put({ id: 'session-1', room: '!a:x', key: new Uint8Array([1, 2, 3]) });
    tx.objectStore('outline').put(new Map([['pickled', 'account']]), ['user', 7]);
    await new Promise<void>((resolve) => (tx.oncomplete = () => resolve()));
    db.close();
    await first.stop();

    const second = await persistDatabases(file, (error) => {
      throw error;
    });
    expect(second.prefix).not.toBe(first.prefix);
    const restored = await request(factory.open(`${second.prefix}::crypto`));
    expect(restored.version).toBe(3);
    const read = restored.transaction(['inline', 'outline'], 'readonly');
    expect(await request(read.objectStore('inline').getAll())).toEqual([{ id: 'session-1', room: '!a:x', key: new Uint8Array([1, 2, 3]) }]);
    expect(read.objectStore('inline').index('by_room')).toMatchObject({ keyPath: 'room', unique: false });
    expect(await request(read.objectStore('outline').getAllKeys())).toEqual([['user', 7]]);
    expect(await request(read.objectStore('outline').getAll())).toEqual([new Map([['pickled', 'account']])]);
    restored.close();
    await second.stop();
  });
});
