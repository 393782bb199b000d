import type { Answer } from '../api/answer-types.ts';

/**
 * What the member asked or sent from this device. An entry is written to IndexedDB before it is sent
 * and stays `queued` until the hub confirmed it, so a closed tab, a reload or a lost connection never
 * loses it; its `id` lets the hub ignore a second send of the same entry.
 */
export type Entry = QuestionEntry | UploadEntry;

interface EntryBase {
  id: string;
  /** The community it was asked in (null: shared documents). */
  community: string | null;
  createdAt: number;
  /** queued: not confirmed by the hub yet; done: answered/received; failed: the hub refused it. */
  state: 'queued' | 'done' | 'failed';
  error?: string;
}

export interface QuestionEntry extends EntryBase {
  kind: 'question';
  question: string;
  answer?: Answer;
}

export interface UploadEntry extends EntryBase {
  kind: 'upload';
  filename: string;
  /** The file itself while it waits; dropped once the hub has it. */
  file?: Blob;
  receipt?: { documentId: string; status: string; duplicate: boolean };
}

const DB_NAME = 'community-hub';
const STORE = 'entries';
/** Finished entries kept for reading offline; queued ones are never dropped. */
const KEEP_FINISHED = 50;

let opened: Promise<IDBDatabase> | null = null;

function openDb(): Promise<IDBDatabase> {
  opened ??= new Promise((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE, { keyPath: 'id' });
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  return opened;
}

async function run<T>(mode: IDBTransactionMode, work: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await openDb();
  return new Promise((resolve, reject) => {
    const transaction = db.transaction(STORE, mode);
    const request = work(transaction.objectStore(STORE));
    transaction.oncomplete = () => resolve(request.result);
    transaction.onerror = () => reject(transaction.error);
    transaction.onabort = () => reject(transaction.error);
  });
}

/** Every entry, oldest first. */
export async function loadEntries(): Promise<Entry[]> {
  const all = await run<Entry[]>('readonly', (store) => store.getAll() as IDBRequest<Entry[]>);
  return all.sort((a, b) => a.createdAt - b.createdAt);
}

export async function saveEntry(entry: Entry): Promise<void> {
  await run('readwrite', (store) => store.put(entry));
}

export async function deleteEntry(id: string): Promise<void> {
  await run('readwrite', (store) => store.delete(id));
}

/** Drops the oldest finished entries beyond what is kept; queued entries always stay. */
export async function pruneEntries(): Promise<void> {
  const finished = (await loadEntries()).filter((entry) => entry.state !== 'queued');
  for (const entry of finished.slice(0, Math.max(0, finished.length - KEEP_FINISHED))) await deleteEntry(entry.id);
}
