import { MatrixError } from 'matrix-js-sdk';
import { ChatSendError } from '../shared/chat-adapter.ts';
import { createSendQueue, type SendQueue } from '../shared/send-queue.ts';

/** Homeservers limit a sender per second (Synapse: a burst of 10, then 0.2/s unless the bot is exempt). */
const ROOM_PACE = { burst: 5, everyMs: 1_000 };

/**
 * Every message to Matrix goes through this. The SDK's own scheduler already retries a 429 after the
 * server's `retry_after_ms`; when it gives up, the error arrives here and is waited out or handed back.
 */
export function createMatrixSendQueue(options: { maxWaitMs?: number } = {}): SendQueue {
  return createSendQueue({ chatPace: () => ROOM_PACE, retryAfterOf: matrixRetryAfterMs, maxWaitMs: options.maxWaitMs });
}

function matrixRetryAfterMs(error: unknown): number | null {
  if (!(error instanceof MatrixError) || error.httpStatus !== 429) return null;
  const asked = (error.data as { retry_after_ms?: unknown }).retry_after_ms;
  return typeof asked === 'number' ? asked : 1_000;
}

/** Not in the room any more, or the room is gone: retrying cannot help. */
export function toMatrixSendError(error: unknown): ChatSendError {
  if (error instanceof ChatSendError) return error;
  if (error instanceof MatrixError) {
    const permanent = error.httpStatus === 403 || error.httpStatus === 404;
    return new ChatSendError(`the homeserver answered ${error.httpStatus ?? '?'} ${error.errcode ?? ''} ${error.message}`.trim(), { permanent, cause: error });
  }
  return new ChatSendError(`could not reach the homeserver (${error instanceof Error ? error.message : String(error)})`, { permanent: false, cause: error });
}
