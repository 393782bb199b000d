import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { communities, communityChats, communityUpdates, chatOutbox, documents, questionLog } from '../../api/db/schema/index.ts';
import { approveDocument } from '../../api/documents/moderate-document.ts';
import { uploadDocument } from '../../api/documents/upload-document.ts';
import { JobName } from '../../api/jobs/job-types.ts';
import { publishCommunityUpdate } from '../../api/updates/publish-community-update.ts';
import { startFakeTelegramBotApi, type FakeTelegramBotApi } from '../fakes/chat/fake-telegram-bot-api.ts';
import { LONG_ANSWER_TRIGGER, librarianAnswer, startChatHub, type ChatHub } from '../fakes/chat/start-chat-hub.ts';
import { buildPdf } from '../fixtures/build-pdf.ts';
import { waitFor } from '../support/test-core.ts';
import { testEngine } from '../support/test-database.ts';

const neighbour = { id: 42, is_bot: false as const, first_name: 'Alice' };
const privateChat = { id: 42, type: 'private', first_name: 'Alice' };
const group = { id: -100555, type: 'supergroup', title: 'Riverside neighbours' };
let messageId = 1;

describe(`Telegram through the real core on ${testEngine}`, () => {
  let fake: FakeTelegramBotApi;
  let hub: ChatHub;
  const say = (chat: object, text: string, extra: object = {}) =>
    fake.pushUpdate({ message: { message_id: messageId++, date: 1_700_000_000, chat, from: neighbour, text, ...extra } });
  const command = (chat: object, text: string) => say(chat, text, { entities: [{ type: 'bot_command', offset: 0, length: text.split(' ')[0]!.length }] });
  const nextReplies = async (count: number, what: string) => {
    const before = fake.sentMessages.items.length;
    return async () => (await fake.sentMessages.waitForCount(before + count, 30_000, what)).slice(before);
  };
  const communityOf = async (chatId: number) => {
    const [row] = await hub.core.db.select({ id: communities.id, slug: communities.slug }).from(communityChats).innerJoin(communities, eq(communities.id, communityChats.communityId)).where(eq(communityChats.chatId, String(chatId)));
    return row!;
  };
  const statusOf = async (id: string) => (await hub.core.db.select({ status: documents.status }).from(documents).where(eq(documents.id, id)))[0]?.status;

  beforeAll(async () => {
    fake = await startFakeTelegramBotApi();
    hub = await startChatHub({ TELEGRAM_BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.url });
  });
  afterAll(async () => {
    await hub?.close();
    await fake?.close();
  });

  it('registers the command menu and shows the group’s display name in /help, never a slug', async () => {
    expect(fake.commandMenus.items[0]!.map((c) => c.command)).toEqual(['ask', 'sources', 'status', 'subscribe', 'unsubscribe', 'help']);
    const replies = await nextReplies(1, 'the help text');
    command(group, '/help');
    const [help] = await replies();
    expect(help!.text).toContain('the documents of Riverside neighbours');
    expect(help!.text).toContain('/sources');
    expect(help!.text).not.toMatch(/telegram-/);
  });

  it('answers a question with a cited answer, quotes as <blockquote>, and records a 👎 on the question log', async () => {
    const { slug } = await communityOf(group.id);
    const { document } = await uploadDocument(hub.core, {
      bytes: new TextEncoder().encode('# Sandbags\n\nFree sandbags are handed out at the fire station on Mill Road from 8 am.'),
      filename: 'sandbags.md',
      community: slug,
      uploader: { via: 'cli', role: 'trusted' },
    });
    await waitFor(async () => ((await statusOf(document.id)) === 'ready' ? true : undefined));
    const replies = await nextReplies(1, 'the answer');
    command(group, '/ask where can I get sandbags?');
    const [answer] = await replies();
    expect(answer!.chat_id).toBe(group.id);
    expect(answer!.text).toContain('<blockquote>Free sandbags are handed out at the fire station on Mill Road');
    expect(answer!.text).toMatch(/<b>Sources<\/b>\n1\. Sandbags/);
    const down = answer!.reply_markup!.inline_keyboard[0]![1]!;
    expect(down.text).toBe('👎');

    fake.pressButton({ from: neighbour, chat: group, messageId: answer!.message_id, data: down.callback_data });
    expect((await fake.callbackAnswers.waitForCount(1))[0]!.text).toBe('Thank you, noted.');
    const questionId = down.callback_data.split(':')[1]!;
    const [logged] = await hub.core.db.select().from(questionLog).where(eq(questionLog.id, questionId));
    expect(logged).toMatchObject({ channel: 'telegram', chatId: String(group.id), feedback: 'not_helpful' });
  });

  it('keeps a PDF from a member for review, tells them the decision, and answers from it once approved', async () => {
    const pdf = buildPdf([{ texts: [{ text: 'Evacuation', x: 72, y: 720, size: 20, bold: true }, { text: 'The evacuation bus leaves from the town hall at 6 pm.', x: 72, y: 690, size: 12 }] }]);
    fake.addFile({ fileId: 'pdf-1', path: 'documents/evacuation.pdf', bytes: pdf });
    const receipt = await nextReplies(1, 'the receipt');
    fake.pushUpdate({ message: { message_id: messageId++, date: 1, chat: privateChat, from: neighbour, document: { file_id: 'pdf-1', file_unique_id: 'u-pdf-1', file_name: 'evacuation.pdf', file_size: pdf.byteLength } } });
    expect((await receipt())[0]!.text).toContain('Received evacuation.pdf. A moderator will review it');
    const [pending] = await hub.core.db.select().from(documents).where(eq(documents.filename, 'evacuation.pdf'));
    expect(pending!.status).toBe('pending_review');

    const notice = await nextReplies(1, 'the approval notice');
    await approveDocument(hub.core, pending!.id, 'moderator');
    expect((await notice())[0]).toMatchObject({ chat_id: String(privateChat.id), text: expect.stringContaining('A moderator approved') });
    await waitFor(async () => ((await statusOf(pending!.id)) === 'ready' ? true : undefined));

    const replies = await nextReplies(1, 'the answer from the PDF');
    say(privateChat, 'when does the evacuation bus leave?');
    const [answer] = await replies();
    expect(answer!.text).toContain('town hall at 6 pm');
    expect(answer!.text).toMatch(/Sources<\/b>\n1\. Evacuation/);
  });

  it('answers /sources and /status', async () => {
    const sources = await nextReplies(1, 'the sources list');
    command(privateChat, '/sources');
    expect((await sources())[0]!.text).toMatch(/Documents of Alice’s Telegram chat, newest first \(1\)<\/b>\n1\. Evacuation — added \d{4}-\d\d-\d\d/);
    const status = await nextReplies(1, 'the status');
    command(privateChat, '/status');
    const text = (await status())[0]!.text;
    expect(text).toContain('✅ Groq (cloud language model): up');
    expect(text).toContain('✅ Quotes only: up');
    expect(text).toContain('Mode: standalone');
  });

  it('splits a long answer at the limit without cutting a quote or a citation', async () => {
    const before = fake.sentMessages.items.length;
    say(privateChat, 'explain exhaustively when the evacuation bus leaves the town hall');
    const messages = await waitFor(async () => {
      const sent = fake.sentMessages.items.slice(before).filter((m) => m.chat_id === privateChat.id);
      return sent.some((m) => m.text.includes('<b>Sources</b>')) ? sent : undefined;
    });
    expect(messages.length).toBeGreaterThanOrEqual(3);
    for (const part of messages.map((m) => m.text)) {
      expect(part.length).toBeLessThanOrEqual(4096);
      // Every quote opens and closes in the same message, and no citation is cut in two.
      expect(part.split('<blockquote>').length).toBe(part.split('</blockquote>').length);
      expect(part).not.toMatch(/\[\d*$|^\d*\]/);
    }
    const written = librarianAnswer([{ role: 'user', content: LONG_ANSWER_TRIGGER }]);
    expect(messages.map((m) => m.text).join('\n').match(/\[\d\]/g)!.length).toBe(written.match(/\[\d\]/g)!.length);
    expect(messages.at(-1)!.text).toMatch(/<b>Sources<\/b>\n1\. Evacuation/);
    expect(messages.at(-1)!.reply_markup?.inline_keyboard[0]).toHaveLength(2);
    expect(messages.slice(0, -1).every((m) => m.reply_markup === undefined)).toBe(true);
  });

  it('posts an update to every subscribed chat exactly once, waiting out a 429, even when the job runs twice', async () => {
    const community = await communityOf(group.id);
    await hub.core.db.insert(communityChats).values([
      { communityId: community.id, platform: 'telegram', chatId: '-100556', title: 'Riverside wardens' },
      { communityId: community.id, platform: 'telegram', chatId: '-100557', title: 'Riverside chatter', updatesSubscribed: false },
    ]);
    fake.rateLimitNextMessages({ times: 1, retryAfterSeconds: 1, chatId: group.id });
    const update = await publishCommunityUpdate(hub.core, { communityId: community.id, title: 'Water back on', body: 'Tap water is safe again in the east side.', publishedBy: 'test' });
    const delivered = await waitFor(async () => {
      const [row] = await hub.core.db.select().from(communityUpdates).where(eq(communityUpdates.id, update.id));
      return Object.values(row!.deliveries).filter((v) => v === 'sent').length === 2 ? row : undefined;
    });
    await hub.core.jobs.send(JobName.deliverCommunityUpdate, { updateId: update.id });
    await waitFor(async () => ((await hub.core.jobs.isQueued(JobName.deliverCommunityUpdate, update.id)) ? undefined : true));
    await hub.delivery.flush();

    const received = (chatId: number) => fake.sentMessages.items.filter((m) => String(m.chat_id) === String(chatId) && m.text.includes('Water back on'));
    expect(fake.refusedMessages.items.filter((m) => String(m.chat_id) === String(group.id))).toHaveLength(1);
    expect(received(group.id)).toHaveLength(1);
    expect(received(-100556)).toHaveLength(1);
    expect(received(-100557)).toHaveLength(0);
    expect(received(group.id)[0]!.text).toBe('<b>Water back on</b>\nTap water is safe again in the east side.');
    expect(delivered.deliveries).toEqual({ 'telegram:-100555': 'sent', 'telegram:-100556': 'sent' });
    const rows = await hub.core.db.select({ status: chatOutbox.status, attempts: chatOutbox.attempts }).from(chatOutbox).where(eq(chatOutbox.referenceId, update.id));
    expect(rows).toEqual([{ status: 'sent', attempts: 1 }, { status: 'sent', attempts: 1 }]);
  });
});
