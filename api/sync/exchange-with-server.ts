import { sql } from 'drizzle-orm';
import type { HubCore } from '../core/hub-core.ts';
import { queryRows } from '../db/database.ts';
import { applyChanges, type ApplyOutcome } from './apply-changes.ts';
import { attachChunks } from './attach-chunks.ts';
import type { ServerInfo, SyncServer } from './http-sync-server.ts';
import { processLeasedDocument } from './process-leased-document.ts';
import { countAfter, readChangeFeed } from './read-change-feed.ts';
import { retryInbox } from './retry-inbox.ts';
import type { SyncChange } from './sync-change.ts';
import { readCursor, writeCursor } from './sync-state.ts';
import type { PeerStatus } from './sync-wire.ts';

const PULL_LIMIT = 500;
const PUSH_LIMIT = 500;
/** A push request stays below this many bytes (the server's body limit is far above it). */
const PUSH_BYTES = 4 * 1024 * 1024;
/** Documents leased for full processing per round: each may take minutes of OCR. */
const PROCESS_PER_ROUND = 3;
/** Originals fetched per round; the rest follow in later rounds. */
const FILES_PER_ROUND = 20;
/** Pages per direction in one round; a backlog larger than this finishes in the next round. */
const MAX_PAGES = 200;

export interface SyncProgress {
  stage: 'pull' | 'process' | 'push' | 'files';
  done: number;
  /** Known once the server said how much is left; null before. */
  total: number | null;
}

export interface ExchangeReport {
  pulled: number;
  pushed: number;
  conflicts: number;
  parked: number;
  processed: number;
  filesUp: number;
  filesDown: number;
  /** Left for the next round in each direction. */
  pending: { pull: number; push: number };
}

export interface ExchangeOptions {
  onProgress?: (progress: SyncProgress) => void;
  /** Status reported to the server with each push. */
  status: () => Promise<PeerStatus>;
  /** Whether this instance does full processing for the server (local instances). */
  processForServer: boolean;
}

/**
 * One sync round with a server: pull its changes, fully process documents it leases to us, push our
 * changes, move missing originals both ways. Every step acknowledges its batch in the same
 * transaction that applies it, so a crash anywhere resumes from the last acknowledged cursor.
 */
export async function exchangeWithServer(core: HubCore, server: SyncServer, info: ServerInfo, options: ExchangeOptions): Promise<ExchangeReport> {
  const report: ExchangeReport = { pulled: 0, pushed: 0, conflicts: 0, parked: 0, processed: 0, filesUp: 0, filesDown: 0, pending: { pull: 0, push: 0 } };
  report.pending.pull = await pullChanges(core, server, info, report, options);
  await retryInbox(core.db);
  if (options.processForServer && info.unprocessedDocuments > 0) await processForServer(core, server, info, report, options);
  report.pending.push = await pushChanges(core, server, info, report, options);
  report.filesDown = await fetchMissingOriginals(core, server, options);
  return report;
}

async function pullChanges(core: HubCore, server: SyncServer, info: ServerInfo, report: ExchangeReport, options: ExchangeOptions): Promise<number> {
  const cursorName = `pull:${info.instanceId}` as const;
  let cursor = await readCursor(core.db, cursorName);
  let remaining = 0;
  for (let page = 0; page < MAX_PAGES; page++) {
    const received = await server.pull(cursor, PULL_LIMIT);
    const next = received.nextCursor;
    const outcome = await applyChanges(
      core.db,
      received.changes.map((change) => ({ change, from: info.instanceId })),
      { inTransaction: (tx) => writeCursor(tx, cursorName, next) },
    );
    count(report, outcome, 'pulled');
    cursor = next;
    remaining = received.remaining;
    options.onProgress?.({ stage: 'pull', done: report.pulled, total: report.pulled + remaining });
    if (remaining === 0) break;
  }
  return remaining;
}

async function processForServer(core: HubCore, server: SyncServer, info: ServerInfo, report: ExchangeReport, options: ExchangeOptions): Promise<void> {
  const leased = await server.leaseUnprocessed(PROCESS_PER_ROUND);
  for (const document of leased) {
    const result = await processLeasedDocument(core, server, document, info.embeddingModel);
    if (result === 'delivered') report.processed++;
    options.onProgress?.({ stage: 'process', done: report.processed, total: leased.length });
  }
}

async function pushChanges(core: HubCore, server: SyncServer, info: ServerInfo, report: ExchangeReport, options: ExchangeOptions): Promise<number> {
  const cursorName = `push:${info.instanceId}` as const;
  let cursor = await readCursor(core.db, cursorName);
  for (let page = 0; page < MAX_PAGES; page++) {
    const feed = await readChangeFeed(core.db, { after: cursor, limit: PUSH_LIMIT, maxBytes: PUSH_BYTES, reader: info.instanceId, shareQuestions: core.config.SYNC_QUESTION_LOG });
    const changes = await Promise.all(feed.changes.map((change) => attachChunks(core.db, change, info.embeddingModel)));
    for (const batch of splitByBytes(changes, PUSH_BYTES)) {
      const outcome = await server.push(batch, await options.status());
      count(report, outcome, 'pushed');
      report.filesUp += await uploadMissingOriginals(core, server, outcome.missingFiles);
    }
    // Only now, with every batch of the page acknowledged, does the cursor move on.
    await writeCursor(core.db, cursorName, feed.nextCursor);
    cursor = feed.nextCursor;
    options.onProgress?.({ stage: 'push', done: report.pushed, total: report.pushed + feed.remaining });
    if (feed.remaining === 0) return 0;
  }
  return countAfter(core.db, cursor, { reader: info.instanceId, shareQuestions: core.config.SYNC_QUESTION_LOG });
}

async function uploadMissingOriginals(core: HubCore, server: SyncServer, hashes: string[]): Promise<number> {
  let uploaded = 0;
  for (const sha256 of hashes) {
    const [row] = await queryRows<{ raw_file_key: string }>(core.db, sql`SELECT raw_file_key FROM documents WHERE sha256 = ${sha256} AND kind = 'file' LIMIT 1`);
    if (!row || !(await core.files.exists(row.raw_file_key))) continue;
    await server.uploadRaw(sha256, core.files.pathOf(row.raw_file_key));
    uploaded++;
  }
  return uploaded;
}

/** Originals of documents that came from elsewhere, so this instance can reprocess and serve them offline. */
async function fetchMissingOriginals(core: HubCore, server: SyncServer, options: ExchangeOptions): Promise<number> {
  const candidates = await queryRows<{ id: string; sha256: string; raw_file_key: string }>(
    core.db,
    sql`SELECT id, sha256, raw_file_key FROM documents WHERE kind = 'file' AND origin_instance IS NOT NULL
          AND origin_instance <> hub_sync_instance_id() AND status <> 'rejected' ORDER BY created_at LIMIT 1000`,
  );
  let fetched = 0;
  for (const document of candidates) {
    if (fetched >= FILES_PER_ROUND) break;
    if (await core.files.exists(document.raw_file_key)) continue;
    try {
      await server.downloadRaw(document.id, document.sha256, core.files, core.config.UPLOAD_MAX_BYTES);
      fetched++;
      options.onProgress?.({ stage: 'files', done: fetched, total: null });
    } catch (error) {
      // The server may not hold it either (it came from another local instance): later rounds retry.
      core.logger.debug({ err: error, documentId: document.id }, 'original not fetched');
    }
  }
  return fetched;
}

function splitByBytes(changes: SyncChange[], maxBytes: number): SyncChange[][] {
  const batches: SyncChange[][] = [];
  let current: SyncChange[] = [];
  let bytes = 0;
  for (const change of changes) {
    const size = JSON.stringify(change).length;
    if (current.length > 0 && bytes + size > maxBytes) {
      batches.push(current);
      current = [];
      bytes = 0;
    }
    current.push(change);
    bytes += size;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

function count(report: ExchangeReport, outcome: ApplyOutcome, direction: 'pulled' | 'pushed'): void {
  report[direction] += outcome.applied.length + outcome.conflicts.length;
  report.conflicts += outcome.conflicts.length;
  report.parked += outcome.parked.length;
}
