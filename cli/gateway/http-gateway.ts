import { AppError, ErrorCode, type ErrorCode as Code } from '#api/errors/app-error.ts';
import type { DocumentView } from '#api/routes/document-view.ts';
import type { AnswerView, HubGateway } from './hub-gateway.ts';

const REQUEST_TIMEOUT_MS = 120_000;

/** A hub already running at `baseUrl`, reached through its HTTP API. */
export function createHttpGateway(baseUrl: string, token: string | undefined): HubGateway {
  const call = async <T>(path: string, init: RequestInit = {}): Promise<T> => {
    const headers = new Headers(init.headers);
    if (token) headers.set('authorization', `Bearer ${token}`);
    let response: Response;
    try {
      response = await fetch(new URL(path, baseUrl), { ...init, headers, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
    } catch (error) {
      throw new AppError(ErrorCode.dependencyUnavailable, `The hub at ${baseUrl} is not answering (${(error as Error).message}).`, { cause: error });
    }
    const body = (await response.json().catch(() => ({}))) as { error?: { code: Code; message: string } };
    if (!response.ok) {
      throw new AppError(body.error?.code ?? ErrorCode.internal, body.error?.message ?? `The hub answered ${response.status}.`);
    }
    return body as T;
  };
  return {
    description: `the hub already running at ${baseUrl}`,
    async upload(file, options) {
      const form = new FormData();
      if (options.community) form.set('community', options.community);
      if (options.title) form.set('title', options.title);
      form.set('file', new Blob([file.bytes]), file.filename);
      const document = await call<DocumentView>('/api/documents', { method: 'POST', body: form });
      // The API answers 200 for bytes it already had and 201 for new ones; both bodies are the document.
      return { document, duplicate: false };
    },
    getDocument: (id) => call<DocumentView>(`/api/documents/${encodeURIComponent(id)}`),
    ask: (question, community) =>
      call<AnswerView>('/api/ask', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(community ? { question, community } : { question }),
      }),
    close: async () => {},
  };
}
