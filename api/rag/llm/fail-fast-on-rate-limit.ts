/** HTTP statuses where trying the same provider again cannot help (bad request, auth, not found...). */
const NO_RETRY_STATUSES = new Set([400, 401, 402, 403, 404, 405, 406, 407, 409, 413, 422, 429]);

/**
 * LangChain retry policy for the answer models. Unlike LangChain's default, a 429 is never waited out:
 * a rate-limited Groq free tier must hand the question to the next provider at once, not sleep for its
 * Retry-After. Aborts and timeouts also stop retrying (a hung provider would hang again). Other errors (5xx,
 * refused connections) are retried up to LLM_MAX_RETRIES.
 */
export function failFastOnRateLimit(error: unknown): void {
  if (typeof error !== 'object' || error === null) return;
  const status = statusOf(error);
  if (status !== undefined && NO_RETRY_STATUSES.has(status)) throw error;
  // A provider that hung once will most likely hang again: its timeout is not worth spending twice.
  // SDKs wrap the fetch error ("Connection error."), so the cause is checked too.
  if (isTimeout(error) || isTimeout((error as { cause?: unknown }).cause)) throw error;
}

function isTimeout(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const name = String((error as { name?: unknown }).name ?? '');
  const message = String((error as { message?: unknown }).message ?? '');
  return name === 'AbortError' || /timeout/i.test(name) || /timed? ?out|aborted|^Cancel|^AbortError/i.test(message);
}

function statusOf(error: object): number | undefined {
  const direct = (error as { status?: unknown }).status;
  if (typeof direct === 'number') return direct;
  const response = (error as { response?: { status?: unknown } }).response;
  return typeof response?.status === 'number' ? response.status : undefined;
}
