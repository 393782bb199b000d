import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handleChatMessage } from '../../api/chat/handle-chat-message.ts';
import type { HubCore } from '../../api/core/hub-core.ts';
import { communityChats, documents } from '../../api/db/schema/index.ts';
import { publishCommunityUpdate } from '../../api/updates/publish-community-update.ts';
import { uploadDocument } from '../../api/documents/upload-document.ts';
import { deliverCommunityUpdates } from '../../bot/deliver-community-updates.ts';
import { startChatAdapters, type ChatAdapters } from '../../bot/start-chat-adapters.ts';
import { startWorkers } from '../../workers/start-workers.ts';
import { startFakeTelegramBotApi, type FakeTelegramBotApi } from '../fakes/chat/fake-telegram-bot-api.ts';
import { createTestCore, waitFor } from '../support/test-core.ts';
import { testEngine } from '../support/test-database.ts';

const neighbour = { id: 42, is_bot: false, first_name: 'Alice' };
const moderator = { id: 7, is_bot: false, first_name: 'Mo' };
const group = { id: -100555, type: 'supergroup', title: 'Riverside neighbours' };
let messageId = 1;

describe(`a Telegram community through the real core on ${testEngine}`, () => {
  let core: HubCore;
  let fake: FakeTelegramBotApi;
  let chat: ChatAdapters;

  beforeAll(async () => {
    fake = await startFakeTelegramBotApi();
    core = await createTestCore({ TELEGRAM_BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.url, CHAT_ADMINS: `telegram:${moderator.id}` });
    await startWorkers(core);
    chat = await startChatAdapters({ config: core.config, logger: core.logger, handle: (message) => handleChatMessage(core, message) });
    await deliverCommunityUpdates(core, chat);
  });
  afterAll(async () => {
    await chat?.stop();
    await core?.close();
    await fake?.close();
  });

  const say = (from: typeof neighbour, text: string, extra: object = {}) =>
    fake.pushUpdate({ message: { message_id: messageId++, date: 1_700_000_000, chat: group, from, text, ...extra } });

  it('answers /ask in the group from the community document, citing it', async () => {
    say(neighbour, '/help', { entities: [{ type: 'bot_command', offset: 0, length: 5 }] });
    await fake.sentMessages.waitForCount(1, 15_000, 'the help reply');
    const [link] = await core.db.select().from(communityChats).where(eq(communityChats.chatId, String(group.id)));
    expect(link).toBeDefined();
    const community = await core.db.query.communities.findFirst({ where: (c, { eq: equals }) => equals(c.id, link!.communityId) });
    const { document } = await uploadDocument(core, {
      bytes: new TextEncoder().encode('# Sandbags\n\nFree sandbags are handed out at the fire station on Mill Road from 8 am.'),
      filename: 'sandbags.md',
      community: community!.slug,
      uploader: { via: 'cli', role: 'trusted' },
    });
    await waitFor(async () => ((await core.db.select().from(documents).where(eq(documents.id, document.id)))[0]?.status === 'ready' ? true : undefined));

    say(neighbour, '/ask where can I get sandbags?', { entities: [{ type: 'bot_command', offset: 0, length: 4 }] });
    const sent = await fake.sentMessages.waitForCount(2, 15_000, 'the answer');
    expect(sent[1]!.chat_id).toBe(group.id);
    expect(sent[1]!.text).toContain('fire station on Mill Road');
    expect(sent[1]!.text).toMatch(/Sources[\s\S]*Sandbags/);
  });

  it('keeps a neighbour’s attachment for review and processes a moderator’s at once', async () => {
    fake.addFile({ fileId: 'f-1', path: 'documents/notice.txt', bytes: new TextEncoder().encode('Boil water notice for the east side until Friday.') });
    fake.addFile({ fileId: 'f-2', path: 'documents/shelters.txt', bytes: new TextEncoder().encode('Shelters: the school gym and the community hall are open tonight.') });
    const attach = (from: typeof neighbour, fileId: string, name: string) =>
      fake.pushUpdate({ message: { message_id: messageId++, date: 1, chat: { id: from.id, type: 'private', first_name: from.first_name }, from, document: { file_id: fileId, file_unique_id: `u-${fileId}`, file_name: name, file_size: 60 } } });
    const before = fake.sentMessages.items.length;
    attach(neighbour, 'f-1', 'notice.txt');
    attach(moderator, 'f-2', 'shelters.txt');
    const sent = await fake.sentMessages.waitForCount(before + 2, 15_000, 'two receipts');
    const receipts = sent.slice(before).map((m) => m.text).join('\n');
    expect(receipts).toContain('Received notice.txt. A moderator will review it');
    expect(receipts).toContain('Received shelters.txt. It is being processed');
    const rows = await core.db.select({ filename: documents.filename, status: documents.status }).from(documents);
    expect(rows).toEqual(expect.arrayContaining([{ filename: 'notice.txt', status: 'pending_review' }]));
  });

  it('delivers a published community update to the group chat', async () => {
    const [link] = await core.db.select().from(communityChats).where(eq(communityChats.chatId, String(group.id)));
    const before = fake.sentMessages.items.length;
    const update = await publishCommunityUpdate(core, { communityId: link!.communityId, title: 'Water back on', body: 'Tap water is safe again in the east side.', publishedBy: 'test' });
    const sent = await fake.sentMessages.waitForCount(before + 1, 20_000, 'the update');
    expect(sent.at(-1)).toMatchObject({ chat_id: String(group.id) });
    expect(sent.at(-1)!.text).toContain('<b>Water back on</b>');
    const delivered = await waitFor(async () => {
      const row = await core.db.query.communityUpdates.findFirst({ where: (u, { eq: equals }) => equals(u.id, update.id) });
      return row?.deliveries[`telegram:${group.id}`] === 'sent' ? row : undefined;
    });
    expect(delivered.deliveries).toEqual({ [`telegram:${group.id}`]: 'sent' });
  });
});
