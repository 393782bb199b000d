import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCode } from '#api/errors/app-error.ts';
import { listenOnLoopback, type LoopbackServer } from '#test/fakes/chat/loopback-server.ts';
import { fetchBytes } from './fetch-bytes.ts';

describe('fetchBytes', () => {
  let server: LoopbackServer;
  beforeAll(async () => {
    server = await listenOnLoopback((request, response) => {
      if (request.url === '/declared') return void response.writeHead(200, { 'content-length': 2048 }).end(Buffer.alloc(2048));
      // No content-length: a file that does not state its size, streamed in pieces.
      if (request.url === '/streamed') {
        response.writeHead(200);
        for (let i = 0; i < 4; i++) response.write(Buffer.alloc(512, i));
        return void response.end();
      }
      response.writeHead(404).end();
    });
  });
  afterAll(() => server.close());

  it('returns the bytes of a file within the limit', async () => {
    const bytes = await fetchBytes(`${server.url}/streamed`, { maxBytes: 4096 });
    expect(bytes).toBeInstanceOf(Uint8Array);
    expect(bytes.byteLength).toBe(2048);
    expect(bytes[1536]).toBe(3);
  });

  it('refuses files over the limit, declared or not, with an error the core shows to the sender', async () => {
    for (const path of ['/declared', '/streamed']) {
      await expect(fetchBytes(`${server.url}${path}`, { maxBytes: 1000 })).rejects.toMatchObject({ code: ErrorCode.payloadTooLarge });
    }
  });

  it('names the label, not the URL, in errors (Telegram file URLs carry the bot token)', async () => {
    await expect(fetchBytes(`${server.url}/file/bot123:SECRET/x`, { label: 'Telegram file F1' })).rejects.toThrow('download of Telegram file F1 failed with HTTP 404');
    await expect(fetchBytes(`${server.url}/missing?sig=abc`)).rejects.toThrow(`download of ${server.url}/missing failed with HTTP 404`);
  });
});
