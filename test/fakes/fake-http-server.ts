import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/**
 * How a fake provider behaves for the next requests. `ok` answers normally; the rest are the failures
 * the fallback chain must survive.
 */
export type FakeBehaviour =
  | 'ok'
  /** Nothing listens on the port any more: connection refused. */
  | 'refuse'
  | 'error500'
  | 'rateLimit429'
  /** Refuses the API key (Groq's 401 invalid_api_key; Ollama has no keys and answers 'ok'). */
  | 'wrongKey401'
  /** Accepts the request and never sends a byte. */
  | 'hang'
  /** Sends part of a streamed answer, then cuts the connection. */
  | 'dieMidStream'
  /** Streams the answer slowly (each piece after `slowStreamDelayMs`) but completely. */
  | 'slowStream';

export interface RecordedRequest {
  method: string;
  path: string;
  body: unknown;
}

export type FakeHandler = (request: { method: string; path: string; body: unknown }, response: ServerResponse) => unknown;

/** A tiny HTTP server on 127.0.0.1 for protocol-level fakes; `close()` also cuts hanging connections. */
export interface FakeHttpServer {
  readonly url: string;
  readonly requests: RecordedRequest[];
  /** Starts refusing connections (closes the listener) or listens again on the same port. */
  setListening(listening: boolean): Promise<void>;
  close(): Promise<void>;
}

export async function startFakeHttpServer(handler: FakeHandler): Promise<FakeHttpServer> {
  const sockets = new Set<Socket>();
  const requests: RecordedRequest[] = [];
  const server = createServer((req, res) => {
    readBody(req).then(async (body) => {
      const path = (req.url ?? '/').split('?')[0]!;
      requests.push({ method: req.method ?? 'GET', path, body });
      await handler({ method: req.method ?? 'GET', path, body }, res);
    }).catch(() => res.destroy());
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const stop = async () => {
    for (const socket of sockets) socket.destroy();
    if (server.listening) await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    async setListening(listening) {
      if (listening && !server.listening) await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
      if (!listening) await stop();
    },
    close: stop,
  };
}

async function readBody(req: IncomingMessage): Promise<unknown> {
  const parts: Buffer[] = [];
  for await (const part of req) parts.push(part as Buffer);
  const text = Buffer.concat(parts).toString('utf8');
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Splits an answer into streamable pieces of a few words. */
export function streamPieces(text: string, wordsPerPiece = 3): string[] {
  const words = text.split(/(?<=\s)/);
  const pieces: string[] = [];
  for (let i = 0; i < words.length; i += wordsPerPiece) pieces.push(words.slice(i, i + wordsPerPiece).join(''));
  return pieces;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Adds getters/setters to the server object (Object.assign would copy their current values instead). */
export function withAccessors<T extends object, A extends object>(target: T, accessors: A): T & A {
  return Object.defineProperties(target, Object.getOwnPropertyDescriptors(accessors)) as T & A;
}
