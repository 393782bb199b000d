import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChatReply, IncomingChatMessage } from '#api/chat/chat-message.ts';
import { createCapturedLogger, type CapturedLogger } from '#test/fakes/chat/captured-logger.ts';
import { startFakeTelegramBotApi, type FakeTelegramBotApi } from '#test/fakes/chat/fake-telegram-bot-api.ts';
import { sampleAnswer } from '#test/fakes/chat/sample-replies.ts';
import { UNEXPECTED_FAILURE_TEXT } from '../shared/answer-chat-message.ts';
import { ChatAdapterStartError, type RunningChatAdapter } from '../shared/chat-adapter.ts';
import { startTelegramAdapter } from './start-telegram-adapter.ts';

const alice = { id: 42, is_bot: false, first_name: 'Alice' };
const privateChat = { id: 42, type: 'private', first_name: 'Alice' };
const groupChat = { id: -100123, type: 'supergroup', title: 'Riverside neighbours' };
let messageId = 1;

function textMessage(chat: object, text: string, extra: object = {}) {
  return { message: { message_id: messageId++, date: 1_700_000_000, chat, from: alice, text, ...extra } };
}

describe('telegram adapter against a fake Bot API', () => {
  let fake: FakeTelegramBotApi;
  let adapter: RunningChatAdapter | undefined;
  let received: IncomingChatMessage[];
  let log: CapturedLogger;

  async function start(handle: (m: IncomingChatMessage) => Promise<ChatReply>) {
    adapter = await startTelegramAdapter({ token: fake.token, apiRoot: fake.url, logger: log.logger, handle });
  }

  beforeEach(async () => {
    log = createCapturedLogger();
    fake = await startFakeTelegramBotApi();
    received = [];
  });
  afterEach(async () => {
    await adapter?.stop();
    adapter = undefined;
    await fake.close();
  });

  it('answers a private question in the same chat, with typing shown and numbered sources', async () => {
    await start(async (m) => (received.push(m), sampleAnswer('Store 4 litres of water per person <per day>.')));
    fake.pushUpdate(textMessage(privateChat, 'How much water?'));

    const [sent] = await fake.sentMessages.waitForCount(1);
    expect(received).toMatchObject([{ platform: 'telegram', chatId: '42', isDirect: true, sender: { id: '42', displayName: 'Alice' }, text: 'How much water?' }]);
    expect(sent).toMatchObject({ chat_id: 42, parse_mode: 'HTML' });
    expect(sent!.text).toBe('Store 4 litres of water per person &lt;per day&gt;.\n\n<b>Sources</b>\n1. Flood guide — Before a flood, pp. 3–4');
    expect(await fake.chatActions.waitForCount(1)).toContainEqual({ chat_id: 42, action: 'typing' });
  });

  it('ignores group chatter and answers /ask, mentions and replies to the bot in groups', async () => {
    await start(async (m) => (received.push(m), sampleAnswer('ok', 0)));
    fake.pushUpdate(textMessage(groupChat, 'anyone seen the river level?'));
    fake.pushUpdate(textMessage(groupChat, '/ask@other_bot what now?', { entities: [{ type: 'bot_command', offset: 0, length: 14 }] }));
    fake.pushUpdate(textMessage(groupChat, '/ask where are sandbags?', { entities: [{ type: 'bot_command', offset: 0, length: 4 }] }));
    fake.pushUpdate(textMessage(groupChat, '@hub_test_bot, is tap water safe?', { entities: [{ type: 'mention', offset: 0, length: 13 }] }));
    fake.pushUpdate(textMessage(groupChat, 'and for pets?', { reply_to_message: { message_id: 1, date: 1, chat: groupChat, from: fake.bot, text: 'ok' } }));

    const sent = await fake.sentMessages.waitForCount(3);
    expect(received.map((m) => m.text)).toEqual(['where are sandbags?', 'is tap water safe?', 'and for pets?']);
    expect(received[0]).toMatchObject({ chatId: '-100123', chatTitle: 'Riverside neighbours', isDirect: false });
    expect(sent[0]!.reply_parameters?.message_id).toBeGreaterThan(0);
  });

  it('hands a document to the core with its filename and the downloaded bytes', async () => {
    const bytes = new TextEncoder().encode('%PDF-1.4 evacuation plan');
    fake.addFile({ fileId: 'doc-1', path: 'documents/file_1.pdf', bytes });
    let downloaded: Uint8Array | undefined;
    await start(async (m) => {
      received.push(m);
      downloaded = await m.attachment!.download();
      return { kind: 'upload-received', document: { id: 'd1', filename: 'plan.pdf', status: 'pending_review' }, duplicate: false };
    });
    fake.pushUpdate({ message: { message_id: messageId++, date: 1, chat: privateChat, from: alice, caption: 'Evacuation plan', document: { file_id: 'doc-1', file_unique_id: 'u1', file_name: 'plan.pdf', file_size: bytes.byteLength } } });

    const [sent] = await fake.sentMessages.waitForCount(1);
    expect(received[0]).toMatchObject({ text: 'Evacuation plan', attachment: { filename: 'plan.pdf', sizeBytes: bytes.byteLength } });
    expect(downloaded).toEqual(bytes);
    expect(sent!.text).toBe('Received plan.pdf. A moderator will review it before I use it in answers. I will tell you here when they decide.');
  });

  it('survives a core that throws: says something generic, logs it, and keeps answering', async () => {
    let calls = 0;
    await start(async () => {
      if (++calls === 1) throw new Error('database on fire');
      return sampleAnswer('second answer', 0);
    });
    fake.pushUpdate(textMessage(privateChat, 'first'));
    await fake.sentMessages.waitForCount(1);
    fake.pushUpdate(textMessage(privateChat, 'second'));

    const sent = await fake.sentMessages.waitForCount(2);
    expect(sent.map((m) => m.text)).toEqual([UNEXPECTED_FAILURE_TEXT, 'second answer']);
    expect(log.lines.some((line) => line.msg === 'the core failed on a chat message' && line.err?.message === 'database on fire')).toBe(true);
  });

  it('splits an answer longer than 4096 characters into several messages', async () => {
    const longAnswer = Array.from({ length: 120 }, (_, i) => `Paragraph ${i}: ${'keep calm and carry water. '.repeat(3)}`).join('\n\n');
    await start(async () => sampleAnswer(longAnswer));
    fake.pushUpdate(textMessage(privateChat, 'tell me everything'));

    const sent = await fake.sentMessages.waitForCount(3);
    expect(sent.every((m) => m.text.length <= 4096)).toBe(true);
    expect(sent.map((m) => m.text).join('\n\n')).toContain('Paragraph 119');
    expect(sent.at(-1)!.text).toContain('<b>Sources</b>');
  });

  it('replies with a hint to a private sticker, but not to a group sticker or a private pin', async () => {
    await start(async (m) => (received.push(m), sampleAnswer('answered', 0)));
    fake.pushUpdate({ message: { message_id: messageId++, date: 1, chat: groupChat, from: alice, sticker: { file_id: 's' } } });
    fake.pushUpdate({ message: { message_id: messageId++, date: 1, chat: privateChat, from: alice, pinned_message: { message_id: 1, date: 1, chat: privateChat } } });
    fake.pushUpdate({ message: { message_id: messageId++, date: 1, chat: privateChat, from: alice, sticker: { file_id: 's', file_unique_id: 'su', type: 'regular', width: 1, height: 1, is_animated: false, is_video: false } } });
    fake.pushUpdate(textMessage(privateChat, 'a real question'));

    // Updates are handled in order and a hint is sent before the next update, so a hint for the pin would come first.
    const sent = await fake.sentMessages.waitForCount(2);
    expect(sent.map((m) => m.text)).toEqual([expect.stringContaining('Send /help to see how'), 'answered']);
    expect(received.map((m) => m.text)).toEqual(['a real question']);
  });

  it('explains when polling stops because another program polls with the same token', async () => {
    fake.setFailure('getUpdates', { error_code: 409, description: 'Conflict: terminated by other getUpdates request' });
    await start(async () => sampleAnswer('never', 0));

    await expect.poll(() => log.messages(50)).toContainEqual(expect.stringContaining('same TELEGRAM_BOT_TOKEN (409 Conflict)'));
  });

  it('refuses to start with a token Telegram rejects, saying which setting to fix', async () => {
    const start = startTelegramAdapter({ token: '1:wrong', apiRoot: fake.url, logger: log.logger, handle: async () => ({ kind: 'none' }) });
    await expect(start).rejects.toThrow(/TELEGRAM_BOT_TOKEN/);
    await expect(start).rejects.toMatchObject({ retryable: false });
  });

  it('reports an unreachable Bot API as a retryable start failure', async () => {
    await fake.close();
    const start = startTelegramAdapter({ token: fake.token, apiRoot: fake.url, logger: log.logger, handle: async () => ({ kind: 'none' }) });
    await expect(start).rejects.toBeInstanceOf(ChatAdapterStartError);
    await expect(start).rejects.toMatchObject({ retryable: true, message: expect.stringContaining('Could not reach the Telegram Bot API') });
  });
});
