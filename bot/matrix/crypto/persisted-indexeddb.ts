import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { deserialize, serialize } from 'node:v8';
import type { FakeIndexedDbModule, IdbDatabase, IdbFactory, IdbKey, IdbRequest, IdbTransaction } from './idb-types.ts';

/**
 * matrix-js-sdk's rust crypto keeps its keys in IndexedDB, which Node lacks, and otherwise only in
 * memory (keys lost on restart). This gives it fake-indexeddb and writes the databases it uses to one
 * file per device in the data directory after every write (debounced), and loads them back at start.
 */

/** Writes come in bursts (a sync stores many keys); one snapshot per burst. */
const SNAPSHOT_DEBOUNCE_MS = 200;

type StoreDump = { name: string; keyPath: string | string[] | null; autoIncrement: boolean; indexes: Array<{ name: string; keyPath: string | string[]; unique: boolean; multiEntry: boolean }>; records: Array<[IdbKey, unknown]> };
/** `suffix`: the database name after the prefix, so a snapshot loads under any prefix. */
type DatabaseDump = { suffix: string; version: number; stores: StoreDump[] };

const dirtyListeners = new Set<(database: string) => void>();
let indexedDB: IdbFactory | null = null;

/**
 * Puts fake-indexeddb where the SDK looks for IndexedDB (the globals `fake-indexeddb/auto` would set)
 * and watches its write transactions. Only the Matrix adapter with encryption on loads it.
 */
export async function installIndexedDb(): Promise<IdbFactory> {
  if (indexedDB) return indexedDB;
  const fake = (await import('fake-indexeddb')) as unknown as FakeIndexedDbModule;
  for (const [name, value] of Object.entries(fake)) {
    if (name !== 'default' && name !== 'forceCloseDatabase') Object.defineProperty(globalThis, name, { value, writable: true, configurable: true, enumerable: true });
  }
  const prototype = fake.IDBDatabase.prototype;
  const open = prototype.transaction;
  prototype.transaction = function transaction(this: IdbDatabase, ...args: Parameters<typeof open>) {
    const tx = open.apply(this, args);
    if (args[1] === 'readwrite') tx.addEventListener('complete', () => dirtyListeners.forEach((listener) => listener(this.name)));
    return tx;
  };
  indexedDB = fake.indexedDB;
  return indexedDB;
}

export interface PersistedDatabases {
  /** The database name prefix to give the SDK (`cryptoDatabasePrefix`). */
  prefix: string;
  /** Writes the latest state now (at stop). */
  flush(): Promise<void>;
  stop(): Promise<void>;
}

let starts = 0;

/**
 * Loads the databases saved in `file` under a prefix of their own (a restart in the same process
 * never sees the previous run's copy in memory), then keeps the file current. A write not yet
 * flushed when the process dies is lost; the next start uses the last snapshot.
 */
export async function persistDatabases(file: string, onError: (error: unknown) => void): Promise<PersistedDatabases> {
  const factory = await installIndexedDb();
  const prefix = `hub-crypto-${process.pid}-${++starts}`;
  await restore(factory, prefix, file);
  let timer: NodeJS.Timeout | undefined;
  let writing: Promise<void> = Promise.resolve();
  const snapshotNow = () => {
    writing = writing.then(() => snapshot(factory, prefix, file)).catch(onError);
    return writing;
  };
  const listener = (database: string) => {
    if (!database.startsWith(prefix)) return;
    clearTimeout(timer);
    timer = setTimeout(() => void snapshotNow(), SNAPSHOT_DEBOUNCE_MS);
  };
  dirtyListeners.add(listener);
  return {
    prefix,
    flush: () => {
      clearTimeout(timer);
      return snapshotNow();
    },
    async stop() {
      dirtyListeners.delete(listener);
      clearTimeout(timer);
      await snapshotNow();
    },
  };
}

async function restore(factory: IdbFactory, prefix: string, file: string): Promise<void> {
  const bytes = await readFile(file).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return null;
    throw error;
  });
  const dumps = bytes ? (deserialize(bytes) as DatabaseDump[]) : [];
  for (const dump of dumps) await load(factory, prefix, dump);
}

async function load(factory: IdbFactory, prefix: string, dump: DatabaseDump): Promise<void> {
  const opening = factory.open(prefix + dump.suffix, dump.version);
  opening.onupgradeneeded = () => {
    for (const store of dump.stores) {
      const created = opening.result.createObjectStore(store.name, { keyPath: store.keyPath, autoIncrement: store.autoIncrement });
      for (const index of store.indexes) created.createIndex(index.name, index.keyPath, { unique: index.unique, multiEntry: index.multiEntry });
    }
  };
  const db = await request(opening);
  if (dump.stores.length > 0) {
    const tx = db.transaction(dump.stores.map((store) => store.name), 'readwrite');
    for (const store of dump.stores) {
      const target = tx.objectStore(store.name);
      for (const [key, value] of store.records) {
        if (store.keyPath === null) target.put(value, key);
        else target.put(value);
      }
    }
    await done(tx);
  }
  db.close();
}

async function snapshot(factory: IdbFactory, prefix: string, file: string): Promise<void> {
  const dumps: DatabaseDump[] = [];
  for (const info of await factory.databases()) {
    if (!info.name?.startsWith(prefix)) continue;
    dumps.push(await dumpDatabase(factory, info.name, info.name.slice(prefix.length)));
  }
  await mkdir(path.dirname(file), { recursive: true });
  // Written beside and renamed: a crash mid-write leaves the previous snapshot whole.
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, serialize(dumps), { mode: 0o600 });
  await rename(temporary, file);
}

async function dumpDatabase(factory: IdbFactory, name: string, suffix: string): Promise<DatabaseDump> {
  const db = await request(factory.open(name));
  const names = [...db.objectStoreNames];
  const stores: StoreDump[] = [];
  if (names.length > 0) {
    // One transaction over every store: a consistent picture even while the SDK keeps writing.
    const tx = db.transaction(names, 'readonly');
    for (const storeName of names) {
      const store = tx.objectStore(storeName);
      const [keys, values] = await Promise.all([request(store.getAllKeys()), request(store.getAll())]);
      stores.push({
        name: storeName,
        keyPath: store.keyPath,
        autoIncrement: store.autoIncrement,
        indexes: [...store.indexNames].map((indexName) => {
          const index = store.index(indexName);
          return { name: index.name, keyPath: index.keyPath, unique: index.unique, multiEntry: index.multiEntry };
        }),
        records: keys.map((key, i): [IdbKey, unknown] => [key, values[i]]),
      });
    }
  }
  const dump = { suffix, version: db.version, stores };
  db.close();
  return dump;
}

function request<T>(req: IdbRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

function done(tx: IdbTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error ?? new Error('transaction aborted'));
  });
}
