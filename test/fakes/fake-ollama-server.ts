import type { ServerResponse } from 'node:http';
import { embedText } from '../../api/rag/embeddings/builtin-embedder.ts';
import type { FakeChatOptions, FakeChatServer } from './fake-groq-server.ts';
import { DEFAULT_FAKE_ANSWER } from './fake-groq-server.ts';
import { sleep, startFakeHttpServer, streamPieces, withAccessors, type FakeBehaviour } from './fake-http-server.ts';

/** Dimension of the fake Ollama embedding model: different from the built-in one on purpose. */
export const FAKE_OLLAMA_EMBED_DIMENSIONS = 64;

export interface FakeOllamaServer extends FakeChatServer {
  /** Separate behaviour for /api/embed (embedding and chat fail independently in real life too). */
  embedBehaviour: FakeBehaviour;
  embedCalls(): number;
}

/**
 * Ollama at the protocol level: /api/chat streams NDJSON (ChatOllama always streams, even for invoke),
 * /api/embed returns deterministic vectors, /api/tags lists the models.
 */
export async function startFakeOllama(options: FakeChatOptions = {}): Promise<FakeOllamaServer> {
  const state = { behaviour: 'ok' as FakeBehaviour, embedBehaviour: 'ok' as FakeBehaviour };
  const server = await startFakeHttpServer(async (request, response) => {
    if (request.path === '/api/tags') return sendJson(response, 200, { models: [{ name: 'llama3.2:3b', model: 'llama3.2:3b' }, { name: 'nomic-embed-text:latest' }] });
    if (request.path === '/api/embed') return embed(response, request.body as { model: string; input: string | string[] }, state.embedBehaviour);
    if (request.path !== '/api/chat') return sendJson(response, 404, { error: 'not found' });
    const body = request.body as { model: string; messages: { role: string; content: string }[] };
    const answer = (options.answer ?? (() => DEFAULT_FAKE_ANSWER))(body.messages);
    switch (state.behaviour) {
      case 'hang':
        return;
      case 'error500':
        return sendJson(response, 500, { error: 'model runner crashed' });
      case 'rateLimit429':
        return sendJson(response, 429, { error: 'too many requests' });
      default:
        return streamNdjson(response, body.model, answer, state.behaviour, options.slowStreamDelayMs ?? 150);
    }
  });
  return withAccessors(server, {
    get behaviour() {
      return state.behaviour;
    },
    set behaviour(value: FakeBehaviour) {
      state.behaviour = value;
      void server.setListening(value !== 'refuse' && state.embedBehaviour !== 'refuse');
    },
    get embedBehaviour() {
      return state.embedBehaviour;
    },
    set embedBehaviour(value: FakeBehaviour) {
      state.embedBehaviour = value;
      void server.setListening(value !== 'refuse' && state.behaviour !== 'refuse');
    },
    chatCalls: () => server.requests.filter((r) => r.path === '/api/chat').length,
    embedCalls: () => server.requests.filter((r) => r.path === '/api/embed').length,
  });
}

async function streamNdjson(response: ServerResponse, model: string, answer: string, behaviour: FakeBehaviour, delayMs: number) {
  response.writeHead(200, { 'content-type': 'application/x-ndjson' });
  const pieces = streamPieces(answer);
  for (const [index, piece] of pieces.entries()) {
    if (behaviour === 'dieMidStream' && index === Math.floor(pieces.length / 2)) return response.destroy();
    response.write(`${JSON.stringify({ model, created_at: new Date().toISOString(), message: { role: 'assistant', content: piece }, done: false })}\n`);
    // Dying streams pause between pieces so the client really receives the first part before the cut.
    if (behaviour === 'slowStream' || behaviour === 'dieMidStream') await sleep(behaviour === 'slowStream' ? delayMs : 40);
  }
  response.end(`${JSON.stringify({
    model, created_at: new Date().toISOString(), message: { role: 'assistant', content: '' }, done: true, done_reason: 'stop',
    total_duration: 1_000_000, prompt_eval_count: 100, eval_count: pieces.length,
  })}\n`);
}

async function embed(response: ServerResponse, body: { model: string; input: string | string[] }, behaviour: FakeBehaviour) {
  if (behaviour === 'hang') return;
  if (behaviour === 'error500') return sendJson(response, 500, { error: 'embedding model crashed' });
  const inputs = Array.isArray(body.input) ? body.input : [body.input];
  // A real text representation, so retrieval through the fake model still ranks sensibly.
  sendJson(response, 200, { model: body.model, embeddings: inputs.map((text) => embedText(text, FAKE_OLLAMA_EMBED_DIMENSIONS)) });
}

function sendJson(response: ServerResponse, status: number, body: unknown) {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}
