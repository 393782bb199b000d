/** The hub's API token, needed only when the hub runs with HUB_API_TOKEN (always in the cloud). */
const TOKEN_KEY = 'hub.apiToken';

export function savedToken(): string | null {
  return localStorage.getItem(TOKEN_KEY);
}

export function saveToken(token: string): void {
  localStorage.setItem(TOKEN_KEY, token.trim());
}

/** The hub answered with an error: `{error: {code, message, details}}`. */
export class HubError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: Record<string, unknown>;
  constructor(status: number, code: string, message: string, details: Record<string, unknown> = {}) {
    super(message);
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

/** The hub could not be reached at all (no network, hub down): the request may be sent again later. */
export class HubUnreachable extends Error {}

/** True when a refusal is about who may ask (token or community code), not about the request itself. */
export function isAccessRefusal(error: unknown): error is HubError {
  return error instanceof HubError && (error.status === 401 || error.status === 403);
}

/** fetch() to the hub's own origin, with the token when one is saved; errors become HubError / HubUnreachable. */
export async function hubFetch(path: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  const token = savedToken();
  if (token) headers.set('authorization', `Bearer ${token}`);
  let response: Response;
  try {
    response = await fetch(path, { ...init, headers, credentials: 'same-origin' });
  } catch (error) {
    throw new HubUnreachable(error instanceof Error ? error.message : String(error));
  }
  if (response.ok) return response;
  throw await readHubError(response);
}

async function readHubError(response: Response): Promise<HubError> {
  try {
    const body = (await response.json()) as { error?: { code?: string; message?: string; details?: Record<string, unknown> } };
    return new HubError(response.status, body.error?.code ?? 'unknown', body.error?.message ?? response.statusText, body.error?.details);
  } catch {
    return new HubError(response.status, 'unknown', response.statusText || `HTTP ${response.status}`);
  }
}

export async function hubJson<T>(path: string, init: RequestInit = {}): Promise<T> {
  return (await hubFetch(path, init)).json() as Promise<T>;
}

/** `?community=slug` or nothing, for the page's API calls. */
export function communityQuery(community: string | null): string {
  return community ? `?community=${encodeURIComponent(community)}` : '';
}
