import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { AppError, ErrorCode } from '../errors/app-error.ts';
import type { RawFileStore } from '../storage/raw-file-store.ts';
import type { ApplyOutcome } from './apply-changes.ts';
import type { LeasedDocument } from './lease-unprocessed.ts';
import { storeRawStream } from './store-raw-stream.ts';
import type { SyncChange } from './sync-change.ts';
import type { PeerStatus } from './sync-wire.ts';

/** Small requests (info, pull, lease) must answer within this; a dead server is noticed quickly. */
const REQUEST_TIMEOUT_MS = 30_000;
/** Bodies of pushes, processed results and raw files may take longer over a slow link. */
const TRANSFER_TIMEOUT_MS = 5 * 60_000;

export interface ServerInfo {
  instanceId: string;
  deploymentMode: string;
  embeddingModel: string;
  /** Documents the server has waiting for full processing. */
  unprocessedDocuments: number;
}

export interface PullPage {
  serverInstanceId: string;
  changes: SyncChange[];
  nextCursor: number;
  remaining: number;
}

export type PushOutcome = ApplyOutcome & { missingFiles: string[] };

/** The server side of a sync pair, as the local instance's sync worker sees it. */
export interface SyncServer {
  /** Where it is, for people (no credentials). */
  readonly url: string;
  info(): Promise<ServerInfo>;
  pull(cursor: number, limit: number): Promise<PullPage>;
  push(changes: SyncChange[], status?: PeerStatus): Promise<PushOutcome>;
  leaseUnprocessed(limit: number): Promise<LeasedDocument[]>;
  /** Streams a document's original into the store, verified against its hash. */
  downloadRaw(documentId: string, sha256: string, files: RawFileStore, maxBytes: number): Promise<void>;
  uploadRaw(sha256: string, filePath: string): Promise<void>;
  sendProcessed(documentId: string, sha256: string, change: SyncChange): Promise<ApplyOutcome>;
}

export interface HttpSyncServerOptions {
  baseUrl: string;
  key: string;
  /** This instance's id: the key is bound to it on first use. */
  instanceId: string;
  fetch?: typeof fetch;
}

/** The cannot-reach-the-server failure: the caller switches to offline mode and retries later. */
export function syncServerUnreachable(url: string, detail: string, cause?: unknown): AppError {
  return new AppError(ErrorCode.dependencyUnavailable, `The sync server ${url} cannot be reached (${detail}).`, { cause, details: { unreachable: true } });
}

export function isUnreachable(error: unknown): boolean {
  return error instanceof AppError && error.details?.unreachable === true;
}

/** A sync server reached over HTTP(S) with a sync key. */
export function createHttpSyncServer(options: HttpSyncServerOptions): SyncServer {
  const fetchImpl = options.fetch ?? fetch;
  const url = new URL(options.baseUrl);
  const shown = `${url.origin}${url.pathname.replace(/\/$/, '')}`;
  const endpoint = (path: string) => new URL(`${url.pathname.replace(/\/$/, '')}/api/sync${path}`, url.origin);

  async function request(path: string, init: RequestInit & { timeoutMs?: number } = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    headers.set('authorization', `Bearer ${options.key}`);
    headers.set('x-hub-instance', options.instanceId);
    let response: Response;
    try {
      response = await fetchImpl(endpoint(path), { ...init, headers, signal: AbortSignal.timeout(init.timeoutMs ?? REQUEST_TIMEOUT_MS) });
    } catch (error) {
      throw syncServerUnreachable(shown, describeFetchError(error), error);
    }
    if (response.ok) return response;
    const body = (await response.json().catch(() => ({}))) as { error?: { message?: string } };
    const message = body.error?.message ?? `HTTP ${response.status}`;
    if (response.status === 401) {
      throw new AppError(ErrorCode.unauthorized, `The sync server ${shown} refused the sync key (SYNC_API_KEY): it is wrong, revoked or bound to another instance.`);
    }
    if (response.status >= 500 || response.status === 429) throw syncServerUnreachable(shown, `it answered ${response.status}: ${message}`);
    throw new AppError(response.status === 404 ? ErrorCode.notFound : ErrorCode.invalidInput, `The sync server ${shown} refused a request: ${message}`);
  }
  const json = async <T>(path: string, init: RequestInit & { timeoutMs?: number } = {}): Promise<T> => {
    const response = await request(path, init);
    try {
      return (await response.json()) as T;
    } catch (error) {
      // A body cut off mid-way is a dropped connection, not a protocol error.
      throw syncServerUnreachable(shown, 'the answer was cut off', error);
    }
  };
  const post = <T>(path: string, body: unknown) =>
    json<T>(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), timeoutMs: TRANSFER_TIMEOUT_MS });

  return {
    url: shown,
    info: () => json<ServerInfo>('/info'),
    pull: (cursor, limit) => json<PullPage>(`/pull?cursor=${cursor}&limit=${limit}`),
    push: (changes, status) => post<PushOutcome>('/push', status ? { changes, status } : { changes }),
    leaseUnprocessed: async (limit) => (await json<{ documents: LeasedDocument[] }>(`/documents/unprocessed?limit=${limit}`)).documents,
    async downloadRaw(documentId, sha256, files, maxBytes) {
      const response = await request(`/documents/${documentId}/raw`, { timeoutMs: TRANSFER_TIMEOUT_MS });
      if (!response.body) throw syncServerUnreachable(shown, 'the file came without a body');
      try {
        await storeRawStream(files, Readable.fromWeb(response.body as WebReadableStream), sha256, maxBytes);
      } catch (error) {
        if (error instanceof AppError) throw error;
        throw syncServerUnreachable(shown, `the file transfer broke off (${(error as Error).message})`, error);
      }
    },
    async uploadRaw(sha256, filePath) {
      await request(`/files/${sha256}`, {
        method: 'PUT',
        headers: { 'content-type': 'application/octet-stream' },
        body: Readable.toWeb(createReadStream(filePath)) as ReadableStream,
        duplex: 'half',
        timeoutMs: TRANSFER_TIMEOUT_MS,
      } as RequestInit & { duplex: 'half'; timeoutMs: number });
    },
    sendProcessed: (documentId, sha256, change) => post<ApplyOutcome>(`/documents/${documentId}/processed`, { sha256, change }),
  };
}

function describeFetchError(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  if ((error as Error).name === 'TimeoutError') return 'no answer in time';
  return cause?.code ?? cause?.message ?? (error as Error).message;
}
