import type { Logger } from '#api/logging/create-logger.ts';
import { ChatAdapterStartError, type ChatPlatform, type RunningChatAdapter } from './chat-adapter.ts';

export interface RetryPolicy {
  /** A start that takes longer (no route to the server, a proxy that never answers) is abandoned. */
  startTimeoutMs: number;
  /** Wait before the first retry of an unreachable platform; doubles up to `maxRetryMs`. */
  firstRetryMs: number;
  maxRetryMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { startTimeoutMs: 30_000, firstRetryMs: 30_000, maxRetryMs: 10 * 60_000 };

export interface SupervisedAdapter {
  readonly platform: ChatPlatform;
  /** Whether the first attempt connected. */
  readonly firstAttempt: Promise<boolean>;
  /** The connection, while it is up. */
  current(): RunningChatAdapter | null;
  stop(): Promise<void>;
}

/**
 * Starts one platform and keeps it isolated: failures are logged, never thrown. A platform that was
 * unreachable is tried again with growing pauses (the hub often boots before the internet is back);
 * one that refused the credentials stays off until the configuration is fixed.
 */
export function superviseAdapter(platform: ChatPlatform, start: (signal: AbortSignal) => Promise<RunningChatAdapter>, logger: Logger, policy: RetryPolicy): SupervisedAdapter {
  let adapter: RunningChatAdapter | null = null;
  let stopped = false;
  let retryTimer: NodeJS.Timeout | undefined;
  let attempt: AbortController | null = null;
  let inFlight: Promise<boolean> = Promise.resolve(false);
  let delay = policy.firstRetryMs;

  function tryToStart(): Promise<boolean> {
    inFlight = attemptStart();
    return inFlight;
  }

  async function attemptStart(): Promise<boolean> {
    attempt = new AbortController();
    try {
      const started = await startWithin(policy.startTimeoutMs, start, attempt);
      if (stopped) {
        await started.stop();
        return false;
      }
      adapter = started;
      logger.info({ platform, identity: adapter.identity }, `${platform} chat adapter connected as ${adapter.identity}`);
      return true;
    } catch (error) {
      if (stopped) return false;
      const problem = error instanceof ChatAdapterStartError ? error : new ChatAdapterStartError(String(error), { retryable: true, cause: error });
      if (!problem.retryable) {
        logger.error({ platform, err: problem.cause ?? problem }, `${platform} chat adapter not started: ${problem.message} It stays off until the setting is fixed and the hub restarts.`);
        return false;
      }
      logger.warn({ platform, err: problem.cause ?? problem }, `${platform} chat adapter not started: ${problem.message} Trying again in ${Math.round(delay / 1000)} s.`);
      retryTimer = setTimeout(() => void tryToStart(), delay);
      delay = Math.min(delay * 2, policy.maxRetryMs);
      return false;
    } finally {
      attempt = null;
    }
  }

  return {
    platform,
    firstAttempt: tryToStart(),
    current: () => adapter,
    async stop() {
      stopped = true;
      clearTimeout(retryTimer);
      attempt?.abort(new ChatAdapterStartError('the hub is shutting down', { retryable: false }));
      await inFlight;
      await adapter?.stop().catch((error: unknown) => logger.warn({ platform, err: error }, `${platform} chat adapter did not stop cleanly`));
      adapter = null;
    },
  };
}

/** Runs `start`, giving up after `timeoutMs` or when `controller` is aborted; a start that succeeds too late is stopped again. */
async function startWithin(timeoutMs: number, start: (signal: AbortSignal) => Promise<RunningChatAdapter>, controller: AbortController): Promise<RunningChatAdapter> {
  const timer = setTimeout(() => controller.abort(new ChatAdapterStartError(`No answer within ${timeoutMs / 1000} s.`, { retryable: true })), timeoutMs);
  const starting = start(controller.signal);
  try {
    return await new Promise<RunningChatAdapter>((resolve, reject) => {
      controller.signal.addEventListener('abort', () => reject(controller.signal.reason), { once: true });
      starting.then(resolve, reject);
    });
  } catch (error) {
    // An SDK that ignored the abort may still connect later: do not leave that connection behind.
    if (controller.signal.aborted) starting.then((late) => late.stop()).catch(() => {});
    throw error;
  } finally {
    clearTimeout(timer);
  }
}
