export interface TimeoutFetchOptions {
  /** Longest wait for the response status and headers (a hung server is cut here). */
  headerTimeoutMs: number;
  /** Longest silence between two pieces of a streamed body (a stream that stalls midway is cut here). */
  idleTimeoutMs?: number;
  fetch?: typeof fetch;
}

/**
 * Use for every HTTP client of an LLM or embedding provider: a `fetch` that fails when the server does
 * not answer within `headerTimeoutMs` or goes silent mid-stream for `idleTimeoutMs`. Slow but steady
 * streams still finish. ChatOllama ignores LangChain's own timeouts, so this is what bounds it.
 */
export function createTimeoutFetch(options: TimeoutFetchOptions): typeof fetch {
  const baseFetch = options.fetch ?? globalThis.fetch;
  return async (input, init) => {
    const controller = new AbortController();
    const callerSignal = init?.signal;
    const abortFromCaller = () => controller.abort(callerSignal?.reason);
    if (callerSignal?.aborted) abortFromCaller();
    callerSignal?.addEventListener('abort', abortFromCaller, { once: true });
    const headerTimer = setTimeout(
      () => controller.abort(timeoutError(`no response headers within ${options.headerTimeoutMs} ms`)),
      options.headerTimeoutMs,
    );
    let response: Response;
    try {
      response = await baseFetch(input, { ...init, signal: controller.signal });
    } catch (error) {
      callerSignal?.removeEventListener('abort', abortFromCaller);
      throw controller.signal.aborted && controller.signal.reason instanceof Error ? controller.signal.reason : error;
    } finally {
      clearTimeout(headerTimer);
    }
    if (!response.body || !options.idleTimeoutMs) return response;
    const body = watchIdleBody(response.body, options.idleTimeoutMs, controller, () =>
      callerSignal?.removeEventListener('abort', abortFromCaller),
    );
    return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
  };
}

function watchIdleBody(
  source: ReadableStream<Uint8Array>,
  idleTimeoutMs: number,
  controller: AbortController,
  onDone: () => void,
): ReadableStream<Uint8Array> {
  const reader = source.getReader();
  let timer: NodeJS.Timeout | undefined;
  return new ReadableStream<Uint8Array>({
    async pull(target) {
      timer = setTimeout(() => {
        const error = timeoutError(`the response stream was silent for ${idleTimeoutMs} ms`);
        controller.abort(error);
        target.error(error);
        reader.cancel(error).catch(() => {});
      }, idleTimeoutMs);
      try {
        const { done, value } = await reader.read();
        if (done) {
          onDone();
          target.close();
        } else target.enqueue(value);
      } catch (error) {
        onDone();
        try {
          target.error(error);
        } catch {
          // already errored by the idle timer
        }
      } finally {
        clearTimeout(timer);
      }
    },
    cancel(reason) {
      clearTimeout(timer);
      onDone();
      return reader.cancel(reason);
    },
  });
}

function timeoutError(message: string): Error {
  const error = new Error(`Timed out: ${message}`);
  error.name = 'TimeoutError';
  return error;
}
