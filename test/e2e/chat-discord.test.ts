import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { communities, communityChats, communityUpdates, documents, questionLog } from '../../api/db/schema/index.ts';
import { approveDocument } from '../../api/documents/moderate-document.ts';
import { uploadDocument } from '../../api/documents/upload-document.ts';
import { JobName } from '../../api/jobs/job-types.ts';
import { publishCommunityUpdate } from '../../api/updates/publish-community-update.ts';
import { startFakeDiscord, type FakeDiscord, type SentDiscordMessage } from '../fakes/chat/fake-discord.ts';
import { LONG_ANSWER_TRIGGER, librarianAnswer, startChatHub, type ChatHub } from '../fakes/chat/start-chat-hub.ts';
import { buildPdf } from '../fixtures/build-pdf.ts';
import { waitFor } from '../support/test-core.ts';
import { testEngine } from '../support/test-database.ts';

const alice = { id: '600000000000000001', username: 'alice', discriminator: '0', global_name: 'Alice', avatar: null };
const dm = '710000000000000001';

describe(`Discord through the real core on ${testEngine}`, () => {
  let fake: FakeDiscord;
  let hub: ChatHub;
  const messagesSince = (before: number, channelId?: string) => fake.sentMessages.items.slice(before).filter((m) => !channelId || m.channelId === channelId);
  const until = <T>(check: () => T | undefined) => waitFor(async () => check(), 30_000);
  const inDm = (content: string, extra: object = {}) => fake.sendUserMessage({ channel_id: dm, guild_id: undefined, channel_type: 1, author: alice, content, ...extra });
  const statusOf = async (id: string) => (await hub.core.db.select({ status: documents.status }).from(documents).where(eq(documents.id, id)))[0]?.status;
  const communityOf = async (chatId: string) =>
    (await hub.core.db.select({ id: communities.id, slug: communities.slug }).from(communityChats).innerJoin(communities, eq(communities.id, communityChats.communityId)).where(eq(communityChats.chatId, chatId)))[0]!;

  beforeAll(async () => {
    fake = await startFakeDiscord();
    hub = await startChatHub({ DISCORD_BOT_TOKEN: fake.token, DISCORD_API_URL: fake.apiUrl });
  });
  afterAll(async () => {
    await hub?.close();
    await fake?.close();
  });

  it('registers the slash commands and answers /help with the channel’s display name', async () => {
    expect(fake.registeredCommands.items[0]!.map((c) => c.name).sort()).toEqual(['ask', 'help', 'sources', 'start', 'status', 'subscribe', 'unsubscribe']);
    const before = fake.sentMessages.items.length;
    fake.runSlashCommand({ name: 'help', user: alice });
    const [help] = await until(() => (messagesSince(before).length > 0 ? messagesSince(before) : undefined));
    expect(help!.interactionToken).toBeDefined();
    expect(help!.content).toContain('the documents of Riverside #general');
    expect(fake.interactionCallbacks.items[0]).toMatchObject({ type: 5 });
  });

  it('answers a mention with a cited answer, quotes as > lines, and records a 👎 pressed under it', async () => {
    const { slug } = await communityOf(fake.guild.channelId);
    const { document } = await uploadDocument(hub.core, { bytes: new TextEncoder().encode('# Sandbags\n\nFree sandbags are handed out at the fire station on Mill Road from 8 am.'), filename: 'sandbags.md', community: slug, uploader: { via: 'cli', role: 'trusted' } });
    await waitFor(async () => ((await statusOf(document.id)) === 'ready' ? true : undefined));
    const before = fake.sentMessages.items.length;
    const question = fake.sendUserMessage({ author: alice, content: `<@${fake.bot.id}> where can I get sandbags?`, mentions: [fake.bot] });
    const [answer] = await until(() => (messagesSince(before).length > 0 ? messagesSince(before) : undefined));
    expect(answer!.message_reference?.message_id).toBe(question.id);
    expect(answer!.content).toContain('> Free sandbags are handed out at the fire station on Mill Road');
    expect(answer!.content).toMatch(/\*\*Sources\*\*\n1\. Sandbags/);
    const down = answer!.components![0]!.components[1]!;
    expect(down.emoji?.name).toBe('👎');

    fake.pressButton({ customId: down.custom_id, user: alice, messageId: answer!.id! });
    const thanks = await until(() => fake.interactionCallbacks.items.find((c) => c.type === 4));
    expect(thanks.data).toMatchObject({ content: 'Thank you, noted.', flags: 64 });
    const [logged] = await hub.core.db.select().from(questionLog).where(eq(questionLog.id, down.custom_id.split(':')[1]!));
    expect(logged).toMatchObject({ channel: 'discord', feedback: 'not_helpful' });
  });

  it('keeps a PDF attachment for review, tells the uploader, and answers from it once approved', async () => {
    const pdf = buildPdf([{ texts: [{ text: 'Evacuation', x: 72, y: 720, size: 20, bold: true }, { text: 'The evacuation bus leaves from the town hall at 6 pm.', x: 72, y: 690, size: 12 }] }]);
    let before = fake.sentMessages.items.length;
    inDm('', { attachments: [fake.addAttachment('evacuation.pdf', pdf)] });
    const [receipt] = await until(() => (messagesSince(before, dm).length > 0 ? messagesSince(before, dm) : undefined));
    expect(receipt!.content).toContain('Received evacuation.pdf. A moderator will review it');
    const [pending] = await hub.core.db.select().from(documents).where(eq(documents.filename, 'evacuation.pdf'));
    expect(pending!.status).toBe('pending_review');

    before = fake.sentMessages.items.length;
    await approveDocument(hub.core, pending!.id, 'moderator');
    const [notice] = await until(() => (messagesSince(before, dm).length > 0 ? messagesSince(before, dm) : undefined));
    expect(notice!.content).toContain('A moderator approved');
    await waitFor(async () => ((await statusOf(pending!.id)) === 'ready' ? true : undefined));

    before = fake.sentMessages.items.length;
    inDm('when does the evacuation bus leave?');
    const [answer] = await until(() => (messagesSince(before, dm).length > 0 ? messagesSince(before, dm) : undefined));
    expect(answer!.content).toContain('town hall at 6 pm');
    expect(answer!.content).toMatch(/\*\*Sources\*\*\n1\. Evacuation/);
  });

  it('answers /sources and /status as slash commands', async () => {
    let before = fake.sentMessages.items.length;
    fake.runSlashCommand({ name: 'sources', user: alice, direct: true, channelId: dm, options: [{ name: 'page', type: 4, value: 1 }] });
    const [sources] = await until(() => (messagesSince(before, dm).length > 0 ? messagesSince(before, dm) : undefined));
    expect(sources!.content).toMatch(/Documents of Alice’s Discord chat, newest first \(1\)\*\*\n1\. Evacuation — added/);
    before = fake.sentMessages.items.length;
    fake.runSlashCommand({ name: 'status', user: alice, direct: true, channelId: dm });
    const [status] = await until(() => (messagesSince(before, dm).length > 0 ? messagesSince(before, dm) : undefined));
    expect(status!.content).toContain('✅ Groq (cloud language model): up');
    expect(status!.content).toContain('Mode: standalone');
  });

  it('splits a long answer at 2000 characters without cutting a quote or a citation', async () => {
    const before = fake.sentMessages.items.length;
    inDm(`explain ${LONG_ANSWER_TRIGGER} when the evacuation bus leaves the town hall`);
    const messages = await until(() => (messagesSince(before, dm).some((m) => m.content.includes('**Sources**')) ? messagesSince(before, dm) : undefined));
    expect(messages.length).toBeGreaterThanOrEqual(3);
    for (const { content } of messages) {
      expect(content.length).toBeLessThanOrEqual(2000);
      // A quoted line that lost its "> " would mean a quote was cut across messages.
      expect(content.split('\n').filter((line) => line.includes('Fill clean containers')).every((line) => line.startsWith('> '))).toBe(true);
      expect(content).not.toMatch(/\\?\[\d*$|^\d*\\?\]/);
    }
    const written = librarianAnswer([{ role: 'user', content: LONG_ANSWER_TRIGGER }]);
    expect(messages.map((m) => m.content).join('\n').match(/\[\d\\?\]/g)!.length).toBe(written.match(/\[\d\]/g)!.length);
    expect(messages.at(-1)!.components?.[0]?.components).toHaveLength(2);
  });

  it('posts an update to every subscribed channel exactly once through a 429, even when the job runs twice', async () => {
    const guildCommunity = await communityOf(fake.guild.channelId);
    // A moderator links the direct chat to the server's community.
    await hub.core.db.update(communityChats).set({ communityId: guildCommunity.id }).where(eq(communityChats.chatId, dm));
    fake.rateLimitNextMessages({ times: 1, retryAfterSeconds: 1, channelId: fake.guild.channelId });
    const update = await publishCommunityUpdate(hub.core, { communityId: guildCommunity.id, title: 'Water back on', body: 'Tap water is safe again.', publishedBy: 'test' });
    const delivered = await waitFor(async () => {
      const [row] = await hub.core.db.select().from(communityUpdates).where(eq(communityUpdates.id, update.id));
      return Object.values(row!.deliveries).filter((v) => v === 'sent').length === 2 ? row : undefined;
    });
    await hub.core.jobs.send(JobName.deliverCommunityUpdate, { updateId: update.id });
    await waitFor(async () => ((await hub.core.jobs.isQueued(JobName.deliverCommunityUpdate, update.id)) ? undefined : true));
    await hub.delivery.flush();

    const received = (channelId: string) => fake.sentMessages.items.filter((m: SentDiscordMessage) => m.channelId === channelId && m.content.includes('Water back on'));
    expect(fake.refusedMessages.items.filter((m) => m.channelId === fake.guild.channelId)).toHaveLength(1);
    expect(received(fake.guild.channelId)).toHaveLength(1);
    expect(received(dm)).toHaveLength(1);
    expect(received(dm)[0]!.content).toBe('**Water back on**\nTap water is safe again.');
    expect(delivered.deliveries).toEqual({ [`discord:${fake.guild.channelId}`]: 'sent', [`discord:${dm}`]: 'sent' });
  });
});
