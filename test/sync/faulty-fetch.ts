import type { FastifyInstance, InjectOptions } from 'fastify';

/**
 * What the network (or the worker's process) does to one request of a sync round. `delay` holds the
 * request back and delivers it later, just before another request, so the server sees stale requests
 * out of order; `crash` is the worker dying before it sends anything (its next round starts afresh).
 */
export const faults = ['none', 'drop-request', 'drop-response', 'duplicate', 'delay', 'cut-request', 'cut-response', 'crash'] as const;
export type Fault = (typeof faults)[number];

interface HeldRequest {
  options: InjectOptions;
}

/**
 * A `fetch` that delivers requests to a Fastify app in process (`inject`, the real routes and body
 * parsing) and applies one fault per request from `plan`, in order; requests beyond the plan pass.
 */
export function createFaultyFetch(app: FastifyInstance, plan: readonly Fault[]): typeof fetch & { pending(): number } {
  let next = 0;
  const held: HeldRequest[] = [];
  const networkError = () => new TypeError('fetch failed', { cause: { code: 'ECONNRESET' } });
  const faulty = async (input: string | URL | Request, init: RequestInit = {}): Promise<Response> => {
    const options = await toInject(input, init);
    // Whatever was held back arrives now, ahead of this request: out of order and late.
    while (held.length > 0) await app.inject(held.shift()!.options);
    const fault = plan[next++] ?? 'none';
    switch (fault) {
      case 'drop-request':
      case 'crash':
        throw networkError();
      case 'delay':
        held.push({ options });
        throw networkError();
      case 'drop-response':
        await app.inject(options);
        throw networkError();
      case 'duplicate':
        await app.inject(options);
        return toResponse(await app.inject(options));
      case 'cut-request': {
        const body = typeof options.payload === 'string' ? options.payload : '';
        await app.inject({ ...options, payload: body.slice(0, Math.floor(body.length / 2)) });
        throw networkError();
      }
      case 'cut-response': {
        const response = await app.inject(options);
        return new Response(response.body.slice(0, Math.floor(response.body.length / 2)), { status: response.statusCode, headers: { 'content-type': 'application/json' } });
      }
      default:
        return toResponse(await app.inject(options));
    }
  };
  return Object.assign(faulty as typeof fetch, { pending: () => held.length });
}

async function toInject(input: string | URL | Request, init: RequestInit): Promise<InjectOptions> {
  const url = new URL(input instanceof Request ? input.url : input.toString());
  const headers = Object.fromEntries(new Headers(init.headers).entries());
  const payload = typeof init.body === 'string' ? init.body : undefined;
  return { method: (init.method ?? 'GET') as InjectOptions['method'], url: `${url.pathname}${url.search}`, headers, ...(payload !== undefined ? { payload } : {}) };
}

function toResponse(response: Awaited<ReturnType<FastifyInstance['inject']>>): Response {
  const headers = new Headers();
  for (const [name, value] of Object.entries(response.headers)) if (typeof value === 'string') headers.set(name, value);
  return new Response(response.statusCode === 204 ? null : response.rawPayload, { status: response.statusCode, headers });
}
