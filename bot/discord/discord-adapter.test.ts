import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChatReply, IncomingChatMessage } from '#api/chat/chat-message.ts';
import { createCapturedLogger, type CapturedLogger } from '#test/fakes/chat/captured-logger.ts';
import { startFakeDiscord, type FakeDiscord } from '#test/fakes/chat/fake-discord.ts';
import { sampleAnswer } from '#test/fakes/chat/sample-replies.ts';
import { UNEXPECTED_FAILURE_TEXT } from '../shared/answer-chat-message.ts';
import type { RunningChatAdapter } from '../shared/chat-adapter.ts';
import { startDiscordAdapter } from './start-discord-adapter.ts';

const alice = { id: '600000000000000001', username: 'alice', discriminator: '0', global_name: 'Alice', avatar: null };
const dmChannelId = '710000000000000001';

describe('discord adapter against a fake REST API and gateway', () => {
  let fake: FakeDiscord;
  let adapter: RunningChatAdapter | undefined;
  let received: IncomingChatMessage[];
  let log: CapturedLogger;

  async function start(handle: (m: IncomingChatMessage) => Promise<ChatReply>) {
    adapter = await startDiscordAdapter({ token: fake.token, apiUrl: fake.apiUrl, logger: log.logger, handle });
  }
  const mention = () => `<@${fake.bot.id}>`;
  const mentionsBot = () => ({ mentions: [fake.bot] });

  beforeEach(async () => {
    log = createCapturedLogger();
    fake = await startFakeDiscord();
    received = [];
  });
  afterEach(async () => {
    await adapter?.stop();
    adapter = undefined;
    await fake.close();
  });

  it('answers a direct message in that DM channel, with typing shown and sources', async () => {
    await start(async (m) => (received.push(m), sampleAnswer('Boil water for *one* minute.')));
    fake.sendUserMessage({ channel_id: dmChannelId, guild_id: undefined, channel_type: 1, author: alice, content: 'Is boiling enough?' });

    const [sent] = await fake.sentMessages.waitForCount(1);
    expect(received).toMatchObject([{ platform: 'discord', chatId: dmChannelId, isDirect: true, sender: { id: alice.id, displayName: 'Alice' }, text: 'Is boiling enough?' }]);
    expect(sent).toMatchObject({ channelId: dmChannelId, allowed_mentions: { parse: [], replied_user: false } });
    expect(sent!.content).toBe('Boil water for \\*one\\* minute.\n\n**Sources**\n1. Flood guide — Before a flood, pp. 3–4');
    expect(await fake.typing.waitForCount(1)).toContain(dmChannelId);
  });

  it('answers a mention in a server channel as a reply, and ignores messages not for the bot', async () => {
    await start(async (m) => (received.push(m), sampleAnswer('Yes.', 0)));
    fake.sendUserMessage({ author: alice, content: 'the river is high today' });
    const question = fake.sendUserMessage({ author: alice, content: `${mention()} can we drink tap water?`, ...mentionsBot() });

    const [sent] = await fake.sentMessages.waitForCount(1);
    expect(received.map((m) => m.text)).toEqual(['can we drink tap water?']);
    expect(received[0]).toMatchObject({ chatId: fake.guild.channelId, chatTitle: 'Riverside #general', isDirect: false });
    expect(sent).toMatchObject({ channelId: fake.guild.channelId, content: 'Yes.', message_reference: { message_id: question.id } });
  });

  it('downloads an attachment from the CDN URL and hands it over with its filename', async () => {
    const bytes = new TextEncoder().encode('%PDF-1.7 shelter list');
    const attachment = fake.addAttachment('shelters.pdf', bytes);
    let downloaded: Uint8Array | undefined;
    await start(async (m) => {
      received.push(m);
      downloaded = await m.attachment!.download();
      return { kind: 'upload-received', document: { id: 'd1', filename: 'shelters.pdf', status: 'queued' }, duplicate: false };
    });
    fake.sendUserMessage({ author: alice, content: `${mention()} Shelter list 2026`, ...mentionsBot(), attachments: [attachment] });

    const [sent] = await fake.sentMessages.waitForCount(1);
    expect(received[0]).toMatchObject({ text: 'Shelter list 2026', attachment: { filename: 'shelters.pdf', sizeBytes: bytes.byteLength } });
    expect(downloaded).toEqual(bytes);
    expect(sent!.content).toBe('Received shelters.pdf. It is being processed; you can ask about it in a few minutes.');
  });

  it('survives a core that throws and keeps answering', async () => {
    let calls = 0;
    await start(async () => {
      if (++calls === 1) throw new Error('core exploded');
      return sampleAnswer('fine again', 0);
    });
    fake.sendUserMessage({ channel_id: dmChannelId, guild_id: undefined, channel_type: 1, author: alice, content: 'first' });
    await fake.sentMessages.waitForCount(1);
    fake.sendUserMessage({ channel_id: dmChannelId, guild_id: undefined, channel_type: 1, author: alice, content: 'second' });

    const sent = await fake.sentMessages.waitForCount(2);
    expect(sent.map((m) => m.content)).toEqual([UNEXPECTED_FAILURE_TEXT, 'fine again']);
  });

  it('splits a long answer into messages of at most 2000 characters', async () => {
    const longAnswer = Array.from({ length: 60 }, (_, i) => `Step ${i}: fill containers and label them with today's date.`).join('\n');
    await start(async () => sampleAnswer(longAnswer, 3));
    fake.sendUserMessage({ channel_id: dmChannelId, guild_id: undefined, channel_type: 1, author: alice, content: 'everything please' });

    const sent = await fake.sentMessages.waitForCount(2);
    expect(sent.every((m) => m.content.length <= 2000)).toBe(true);
    expect(sent.map((m) => m.content).join('\n')).toContain('Step 59');
  });

  it('refuses to start with a token Discord rejects, saying which setting to fix', async () => {
    const start = startDiscordAdapter({ token: 'wrong', apiUrl: fake.apiUrl, logger: log.logger, handle: async () => ({ kind: 'none' }) });
    await expect(start).rejects.toMatchObject({ retryable: false, message: expect.stringContaining('DISCORD_BOT_TOKEN') });
  });

  it('reports an unreachable Discord as a retryable start failure', async () => {
    await fake.close();
    const start = startDiscordAdapter({ token: fake.token, apiUrl: fake.apiUrl, logger: log.logger, handle: async () => ({ kind: 'none' }) });
    await expect(start).rejects.toMatchObject({ retryable: true, message: expect.stringContaining('Could not connect to Discord') });
  });
});
