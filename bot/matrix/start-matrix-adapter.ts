import { ClientEvent, MatrixError, MsgType, RoomEvent, SyncState, type MatrixClient } from 'matrix-js-sdk';
import type { Logger } from '#api/logging/create-logger.ts';
import { ChatAdapterStartError, type HandleChatMessage, type HandleFeedback, type RunningChatAdapter } from '../shared/chat-adapter.ts';
import { createTaskTracker } from '../shared/track-tasks.ts';
import { answerMatrixEvent } from './answer-matrix-event.ts';
import { createMatrixClient, type MatrixConnection } from './create-matrix-client.ts';
import { createMatrixMediaDownloader } from './download-matrix-media.ts';
import { formatMatrixMessages } from './format-matrix-html.ts';
import { joinOnInvite } from './join-on-invite.ts';
import { createMatrixSendQueue, toMatrixSendError } from './matrix-send-queue.ts';
import { ENCRYPTION_OFF_NOTE, startMatrixCrypto, type MatrixCrypto } from './crypto/start-matrix-crypto.ts';
import { createEncryptionWarner } from './warn-about-encryption.ts';

const STOP_GRACE_MS = 5_000;
/** The first sync only needs room state; old messages are never answered. */
const INITIAL_SYNC_LIMIT = 1;

export interface MatrixAdapterOptions extends MatrixConnection {
  logger: Logger;
  handle: HandleChatMessage;
  /** Records 👍/👎 reactions to answers; without it the bot offers none. */
  vote?: HandleFeedback;
  /** UPLOAD_MAX_BYTES: downloads stop past it (Matrix files need not state their size). */
  maxFileBytes?: number;
  /** Where end-to-end encryption keys are kept across restarts; unset: encrypted rooms are not read. */
  cryptoStoreDir?: string;
  signal?: AbortSignal;
}

/**
 * Use to connect the bot to a Matrix homeserver: checks the token (whoami), joins rooms it is invited
 * to, and answers messages that arrive after the first sync, in encrypted rooms too when a crypto
 * store directory is given.
 */
export async function startMatrixAdapter(options: MatrixAdapterOptions): Promise<RunningChatAdapter> {
  const { logger, handle } = options;
  const client = createMatrixClient(options, logger);
  const tasks = createTaskTracker();
  const queue = createMatrixSendQueue();
  let live = false;
  let crypto: MatrixCrypto | null = null;
  // A hanging homeserver: drop the requests in flight so the start fails instead of waiting.
  const abort = () => client.http.abort();
  options.signal?.addEventListener('abort', abort, { once: true });
  try {
    const deviceId = await checkIdentity(client, options);
    if (options.cryptoStoreDir) crypto = await startMatrixCrypto(client, { storeDir: options.cryptoStoreDir, userId: options.userId, deviceId, logger });
    const profile = await client.getProfileInfo(options.userId).catch(() => ({ displayname: undefined }));
    const bot = { userId: options.userId, displayName: profile.displayname };
    const deps = {
      client,
      bot,
      handle,
      ...(options.vote ? { vote: options.vote } : {}),
      logger,
      tasks,
      queue,
      canDecrypt: crypto !== null,
      statusNotes: [crypto?.statusNote ?? ENCRYPTION_OFF_NOTE],
      download: createMatrixMediaDownloader(options, options.maxFileBytes),
      onEncrypted: createEncryptionWarner(client, logger, crypto !== null),
    };
    joinOnInvite(client, logger);
    client.on(RoomEvent.Timeline, (event, room, toStartOfTimeline) => {
      // Events of the first sync are history from before the start; scrollback is history too.
      if (live && room && !toStartOfTimeline) answerMatrixEvent(event, room, deps);
    });
    const synced = firstSync(client, options.signal);
    synced.catch(() => {}); // awaited below; this only stops an early failure from counting as unhandled
    await client.startClient({ initialSyncLimit: INITIAL_SYNC_LIMIT });
    await synced;
    live = true;
  } catch (error) {
    client.stopClient();
    client.removeAllListeners();
    await crypto?.stop();
    throw explainStartFailure(error, options);
  } finally {
    options.signal?.removeEventListener('abort', abort);
  }
  return {
    platform: 'matrix',
    identity: options.userId,
    async post(chatId, blocks, postOptions) {
      try {
        for (const [index, text] of formatMatrixMessages(blocks).entries()) {
          // A transaction id the homeserver remembers: a retried post of the same outbox message is not shown twice.
          const txnId = postOptions?.idempotencyKey ? `${postOptions.idempotencyKey}-${index}` : undefined;
          await queue.run(chatId, true, () => client.sendMessage(chatId, { msgtype: MsgType.Notice, ...text, format: 'org.matrix.custom.html', 'm.mentions': {} }, txnId));
        }
      } catch (error) {
        throw toMatrixSendError(error);
      }
    },
    async stop() {
      live = false;
      // Answers being written still need the client, so it stops last.
      await tasks.drain(STOP_GRACE_MS);
      client.stopClient();
      client.removeAllListeners();
      await crypto?.stop();
    },
  };
}

/** Checks the token belongs to MATRIX_USER_ID; returns the device the token logs in as (encryption keys belong to it). */
async function checkIdentity(client: MatrixClient, connection: MatrixConnection): Promise<string | null> {
  const { user_id: owner, device_id: deviceId } = await client.whoami();
  if (owner !== connection.userId) {
    throw new ChatAdapterStartError(`MATRIX_ACCESS_TOKEN belongs to ${owner}, not to MATRIX_USER_ID ${connection.userId}: set one of them to match.`, { retryable: false });
  }
  return deviceId ?? null;
}

/** Resolves once the first sync is processed; rejects when it fails or the start is aborted. */
function firstSync(client: MatrixClient, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const onSync = (state: SyncState, _previous: SyncState | null, data?: { error?: Error }) => {
      if (state === SyncState.Prepared) finish();
      if (state === SyncState.Error) finish(data?.error ?? new Error('the first Matrix sync failed'));
    };
    const onAbort = () => finish(signal?.reason ?? new Error('aborted'));
    const finish = (error?: unknown) => {
      client.off(ClientEvent.Sync, onSync);
      signal?.removeEventListener('abort', onAbort);
      if (error) reject(error);
      else resolve();
    };
    client.on(ClientEvent.Sync, onSync);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

function explainStartFailure(error: unknown, connection: MatrixConnection): ChatAdapterStartError {
  if (error instanceof ChatAdapterStartError) return error;
  if (error instanceof MatrixError && (error.httpStatus === 401 || error.httpStatus === 403)) {
    return new ChatAdapterStartError(`The Matrix homeserver rejected MATRIX_ACCESS_TOKEN (${error.errcode}): log the bot in again and copy its new access token.`, { retryable: false, cause: error });
  }
  const reason = error instanceof Error ? error.message : String(error);
  return new ChatAdapterStartError(`Could not reach the Matrix homeserver at ${connection.homeserverUrl} (${reason}). Check the network or MATRIX_HOMESERVER_URL.`, { retryable: true, cause: error });
}
