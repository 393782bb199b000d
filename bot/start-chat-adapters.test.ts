import { mkdtempSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { parseConfig } from '#api/config/load-config.ts';
import { createCapturedLogger } from '#test/fakes/chat/captured-logger.ts';
import { startFakeDiscord } from '#test/fakes/chat/fake-discord.ts';
import { startFakeMatrixHomeserver } from '#test/fakes/chat/fake-matrix-homeserver.ts';
import { startFakeTelegramBotApi } from '#test/fakes/chat/fake-telegram-bot-api.ts';
import { sampleAnswer } from '#test/fakes/chat/sample-replies.ts';
import { startChatAdapters, type ChatAdapters } from './start-chat-adapters.ts';

const handle = async () => sampleAnswer('answer', 0);
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function startAdapters(env: Record<string, string>, retry = {}): Promise<ChatAdapters & { log: ReturnType<typeof createCapturedLogger> }> {
  const log = createCapturedLogger();
  const adapters = await startChatAdapters({ config: parseConfig({ HUB_DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'hub-chat-')), ...env }), logger: log.logger, handle, retry });
  cleanups.push(() => adapters.stop());
  return { ...adapters, log };
}

/** A TCP server that accepts connections and never answers: a start against it can only time out. */
async function startSilentServer(): Promise<string> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => sockets.add(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise((resolve) => (sockets.forEach((s) => s.destroy()), server.close(() => resolve()))));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('startChatAdapters', () => {
  it('starts nothing and says how to configure a platform when no credentials are set', async () => {
    const adapters = await startAdapters({});
    expect(adapters.running).toEqual([]);
    expect(adapters.log.messages()).toContainEqual(expect.stringContaining('no chat platform configured'));
  });

  it('keeps a working platform running when another rejects its token and a third is unreachable', async () => {
    const telegram = await startFakeTelegramBotApi();
    const discord = await startFakeDiscord();
    const matrix = await startFakeMatrixHomeserver();
    cleanups.push(() => telegram.close(), () => discord.close());
    await matrix.close();

    const adapters = await startAdapters({
      TELEGRAM_BOT_TOKEN: telegram.token,
      TELEGRAM_API_ROOT: telegram.url,
      DISCORD_BOT_TOKEN: 'not-the-token',
      DISCORD_API_URL: discord.apiUrl,
      MATRIX_HOMESERVER_URL: matrix.url,
      MATRIX_ACCESS_TOKEN: matrix.accessToken,
      MATRIX_USER_ID: matrix.userId,
    });

    expect(adapters.running).toEqual(['telegram']);
    const errors = adapters.log.messages(50);
    expect(errors).toEqual([expect.stringMatching(/^discord chat adapter not started: Discord rejected DISCORD_BOT_TOKEN.*stays off/)]);
    expect(adapters.log.messages(40)).toContainEqual(expect.stringMatching(/^matrix chat adapter not started: Could not reach the Matrix homeserver.*Trying again in 30 s/));
    telegram.pushUpdate({ message: { message_id: 1, date: 1, chat: { id: 5, type: 'private' }, from: { id: 5, is_bot: false, first_name: 'Ana' }, text: 'still working?' } });
    await telegram.sentMessages.waitForCount(1);
  });

  it('connects a platform that was down at start-up once it comes back', async () => {
    const telegram = await startFakeTelegramBotApi();
    cleanups.push(() => telegram.close());
    telegram.setFailure('*', { error_code: 502, description: 'Bad Gateway' });

    const adapters = await startAdapters({ TELEGRAM_BOT_TOKEN: telegram.token, TELEGRAM_API_ROOT: telegram.url }, { firstRetryMs: 50, maxRetryMs: 100 });
    expect(adapters.running).toEqual([]);
    telegram.setFailure('*', null);

    await expect.poll(() => adapters.log.messages(), { timeout: 5_000 }).toContainEqual('telegram chat adapter connected as @hub_test_bot');
    telegram.pushUpdate({ message: { message_id: 2, date: 1, chat: { id: 5, type: 'private' }, from: { id: 5, is_bot: false, first_name: 'Ana' }, text: 'back?' } });
    await telegram.sentMessages.waitForCount(1);
  });

  it('gives up on platforms that never answer, within the start timeout', async () => {
    const silent = await startSilentServer();
    const adapters = await startAdapters(
      { TELEGRAM_BOT_TOKEN: '1:x', TELEGRAM_API_ROOT: silent, DISCORD_BOT_TOKEN: 'x', DISCORD_API_URL: `${silent}/api`, MATRIX_HOMESERVER_URL: silent, MATRIX_ACCESS_TOKEN: 'x', MATRIX_USER_ID: '@hub:fake.local' },
      { startTimeoutMs: 300, firstRetryMs: 60_000 },
    );

    expect(adapters.running).toEqual([]);
    // The start timeout (not a server's answer) ended each attempt: the log names it.
    expect(adapters.log.messages(40).filter((m) => m.includes('No answer within 0.3 s'))).toHaveLength(3);
  });

  it('stops cleanly while a retry is pending', async () => {
    const matrix = await startFakeMatrixHomeserver();
    await matrix.close();
    const adapters = await startAdapters({ MATRIX_HOMESERVER_URL: matrix.url, MATRIX_ACCESS_TOKEN: 't', MATRIX_USER_ID: '@hub:fake.local' }, { firstRetryMs: 60_000 });
    await adapters.stop();
    expect(adapters.running).toEqual([]);
  });
});
