/**
 * Child-process script for the "process can exit" test: starts all three adapters against the fakes,
 * answers one message on each, stops everything and simply returns. If anything still holds the event
 * loop (matrix-js-sdk's sync timeout did, for ~110 s), the process does not exit and the test sees it.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { parseConfig } from '../../../api/config/load-config.ts';
import { startChatAdapters } from '../../../bot/start-chat-adapters.ts';
import { startFakeDiscord } from './fake-discord.ts';
import { startFakeMatrixHomeserver } from './fake-matrix-homeserver.ts';
import { startFakeTelegramBotApi } from './fake-telegram-bot-api.ts';

const [telegram, discord, matrix] = await Promise.all([startFakeTelegramBotApi(), startFakeDiscord(), startFakeMatrixHomeserver()]);
matrix.createRoom('!dm:fake.local', ['@alice:fake.local', matrix.userId]);
const config = parseConfig({
  HUB_DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'hub-chat-exit-')),
  TELEGRAM_BOT_TOKEN: telegram.token,
  TELEGRAM_API_ROOT: telegram.url,
  DISCORD_BOT_TOKEN: discord.token,
  DISCORD_API_URL: discord.apiUrl,
  MATRIX_HOMESERVER_URL: matrix.url,
  MATRIX_ACCESS_TOKEN: matrix.accessToken,
  MATRIX_USER_ID: matrix.userId,
});
const adapters = await startChatAdapters({ config, logger: pino({ level: 'silent' }), handle: async () => ({ kind: 'problem', text: 'pong' }) });

telegram.pushUpdate({ message: { message_id: 1, date: 1, chat: { id: 5, type: 'private' }, from: { id: 5, is_bot: false, first_name: 'Ana' }, text: 'ping' } });
discord.sendUserMessage({ channel_id: '710', guild_id: undefined, channel_type: 1, author: { id: '600', username: 'ana', discriminator: '0', global_name: null, avatar: null }, content: 'ping' });
matrix.sendEvent('!dm:fake.local', '@alice:fake.local', { msgtype: 'm.text', body: 'ping' });
const replies = await Promise.all([telegram.sentMessages.waitForCount(1), discord.sentMessages.waitForCount(1), matrix.sent.waitForCount(1)]);

await adapters.stop();
await Promise.all([telegram.close(), discord.close(), matrix.close()]);
process.stdout.write(`running: ${adapters.running.join(',')}; replies: ${replies.flat().length}\n`);
