import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** An HTTP server on 127.0.0.1 with a random port, closed together with every open connection. */
export interface LoopbackServer {
  readonly server: http.Server;
  readonly port: number;
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  close(): Promise<void>;
}

export type RequestHandler = (request: http.IncomingMessage, response: http.ServerResponse) => void | Promise<void>;

export async function listenOnLoopback(handler: RequestHandler): Promise<LoopbackServer> {
  const server = http.createServer((request, response) => {
    Promise.resolve(handler(request, response)).catch((error: unknown) => {
      // A fake that breaks should fail the test loudly, not hang it.
      if (!response.headersSent) sendJson(response, 500, { error: String(error) });
      else response.destroy();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    server,
    port,
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        // Long polls and keep-alive sockets would otherwise keep close() (and vitest) waiting.
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export async function readBody(request: http.IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** The JSON body, or the query string as an object when there is no body (GET requests). */
export async function readJsonBody(request: http.IncomingMessage): Promise<Record<string, unknown>> {
  const body = await readBody(request);
  if (body.length > 0) return JSON.parse(body.toString('utf8')) as Record<string, unknown>;
  return Object.fromEntries(new URL(request.url ?? '/', 'http://fake').searchParams);
}

export function sendJson(response: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  response.end(text);
}

export function sendBytes(response: http.ServerResponse, bytes: Uint8Array, contentType = 'application/octet-stream'): void {
  response.writeHead(200, { 'content-type': contentType, 'content-length': bytes.byteLength });
  response.end(bytes);
}
