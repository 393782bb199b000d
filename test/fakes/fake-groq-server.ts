import type { ServerResponse } from 'node:http';
import { sleep, startFakeHttpServer, streamPieces, withAccessors, type FakeBehaviour, type FakeHttpServer } from './fake-http-server.ts';

export interface FakeChatOptions {
  /** The assistant's reply for a request (default: a fixed cited sentence). */
  answer?: (messages: { role: string; content: string }[]) => string;
  slowStreamDelayMs?: number;
}

export interface FakeChatServer extends FakeHttpServer {
  behaviour: FakeBehaviour;
  /** Chat completion requests received (retries included). */
  chatCalls(): number;
}

export const DEFAULT_FAKE_ANSWER = 'Add 8 drops of 6% bleach per gallon of clear water and wait 30 minutes [1].';

/**
 * Groq's OpenAI-compatible API at the protocol level: POST /openai/v1/chat/completions answering JSON,
 * or server-sent events when `stream: true`, with scriptable failures.
 */
export async function startFakeGroq(options: FakeChatOptions = {}): Promise<FakeChatServer> {
  const state = { behaviour: 'ok' as FakeBehaviour };
  const server = await startFakeHttpServer(async (request, response) => {
    if (request.method !== 'POST' || request.path !== '/openai/v1/chat/completions') return sendJson(response, 404, { error: { message: 'not found' } });
    const body = request.body as { model: string; stream?: boolean; messages: { role: string; content: string }[] };
    const answer = (options.answer ?? (() => DEFAULT_FAKE_ANSWER))(body.messages);
    switch (state.behaviour) {
      case 'hang':
        return;
      case 'error500':
        return sendJson(response, 500, { error: { message: 'internal server error', type: 'internal_error' } });
      case 'wrongKey401':
        return sendJson(response, 401, { error: { message: 'Invalid API Key', type: 'invalid_request_error', code: 'invalid_api_key' } });
      case 'rateLimit429':
        response.setHeader('retry-after', '20');
        return sendJson(response, 429, { error: { message: 'Rate limit reached for model. Please try again in 20s.', type: 'tokens', code: 'rate_limit_exceeded' } });
      default:
        if (!body.stream) return sendJson(response, 200, completion(body.model, answer));
        return streamSse(response, body.model, answer, state.behaviour, options.slowStreamDelayMs ?? 150);
    }
  });
  return withAccessors(server, {
    get behaviour() {
      return state.behaviour;
    },
    set behaviour(value: FakeBehaviour) {
      state.behaviour = value;
      void server.setListening(value !== 'refuse');
    },
    chatCalls: () => server.requests.filter((r) => r.path === '/openai/v1/chat/completions').length,
  });
}

async function streamSse(response: ServerResponse, model: string, answer: string, behaviour: FakeBehaviour, delayMs: number) {
  response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  const pieces = streamPieces(answer);
  for (const [index, piece] of pieces.entries()) {
    if (behaviour === 'dieMidStream' && index === Math.floor(pieces.length / 2)) return response.destroy();
    response.write(`data: ${JSON.stringify(chunk(model, { ...(index === 0 ? { role: 'assistant' } : {}), content: piece }, null))}\n\n`);
    // Dying streams pause between pieces so the client really receives the first part before the cut.
    if (behaviour === 'slowStream' || behaviour === 'dieMidStream') await sleep(behaviour === 'slowStream' ? delayMs : 40);
  }
  response.write(`data: ${JSON.stringify(chunk(model, {}, 'stop'))}\n\n`);
  response.end('data: [DONE]\n\n');
}

function completion(model: string, content: string) {
  return {
    id: 'chatcmpl-fake', object: 'chat.completion', created: Math.floor(Date.now() / 1000), model,
    choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop', logprobs: null }],
    usage: { prompt_tokens: 100, completion_tokens: 20, total_tokens: 120 },
  };
}

function chunk(model: string, delta: object, finishReason: string | null) {
  return { id: 'chatcmpl-fake', object: 'chat.completion.chunk', created: Math.floor(Date.now() / 1000), model, choices: [{ index: 0, delta, finish_reason: finishReason, logprobs: null }] };
}

function sendJson(response: ServerResponse, status: number, body: unknown) {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}
