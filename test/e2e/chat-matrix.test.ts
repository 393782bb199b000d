import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { communities, communityChats, communityUpdates, documents, questionLog } from '../../api/db/schema/index.ts';
import { approveDocument } from '../../api/documents/moderate-document.ts';
import { uploadDocument } from '../../api/documents/upload-document.ts';
import { JobName } from '../../api/jobs/job-types.ts';
import { publishCommunityUpdate } from '../../api/updates/publish-community-update.ts';
import { startFakeMatrixHomeserver, type FakeMatrixHomeserver, type SentMatrixEvent } from '../fakes/chat/fake-matrix-homeserver.ts';
import { LONG_ANSWER_TRIGGER, librarianAnswer, startChatHub, type ChatHub } from '../fakes/chat/start-chat-hub.ts';
import { buildPdf } from '../fixtures/build-pdf.ts';
import { waitFor } from '../support/test-core.ts';
import { testEngine } from '../support/test-database.ts';

const alice = '@alice:fake.local';
const bob = '@bob:fake.local';
const dm = '!dm:fake.local';
const group = '!group:fake.local';
const QUESTION_ID_FIELD = 'org.community-hub.question_id';

describe(`Matrix through the real core on ${testEngine}`, () => {
  let fake: FakeMatrixHomeserver;
  let hub: ChatHub;
  const text = (body: string, extra: object = {}) => ({ msgtype: 'm.text', body, ...extra });
  const sentSince = (before: number, roomId: string, type = 'm.room.message') => fake.sent.items.slice(before).filter((s) => s.roomId === roomId && s.type === type);
  const firstSince = (before: number, roomId: string) => waitFor(async () => sentSince(before, roomId)[0]);
  const statusOf = async (id: string) => (await hub.core.db.select({ status: documents.status }).from(documents).where(eq(documents.id, id)))[0]?.status;
  const communityOf = async (chatId: string) =>
    (await hub.core.db.select({ id: communities.id, slug: communities.slug }).from(communityChats).innerJoin(communities, eq(communities.id, communityChats.communityId)).where(eq(communityChats.chatId, chatId)))[0]!;

  beforeAll(async () => {
    fake = await startFakeMatrixHomeserver();
    fake.createRoom(dm, [alice, fake.userId]);
    fake.createRoom(group, [alice, bob, fake.userId], { name: 'Riverside' });
    hub = await startChatHub({ MATRIX_HOMESERVER_URL: fake.url, MATRIX_ACCESS_TOKEN: fake.accessToken, MATRIX_USER_ID: fake.userId });
  });
  afterAll(async () => {
    await hub?.close();
    await fake?.close();
  });

  it('answers !help in a group with the room’s display name', async () => {
    const before = fake.sent.items.length;
    fake.sendEvent(group, bob, text('!help'));
    const help = await firstSince(before, group);
    expect(help.content.body).toContain('the documents of Riverside');
    expect(help.content.body).toContain('!sources');
  });

  it('answers a mention with a cited answer as an HTML blockquote, and records a 👎 reaction', async () => {
    const { slug } = await communityOf(group);
    const { document } = await uploadDocument(hub.core, { bytes: new TextEncoder().encode('# Sandbags\n\nFree sandbags are handed out at the fire station on Mill Road from 8 am.'), filename: 'sandbags.md', community: slug, uploader: { via: 'cli', role: 'trusted' } });
    await waitFor(async () => ((await statusOf(document.id)) === 'ready' ? true : undefined));
    const before = fake.sent.items.length;
    const question = fake.sendEvent(group, bob, text('where can I get sandbags?', { 'm.mentions': { user_ids: [fake.userId] } }));
    const answer = await firstSince(before, group);
    expect(answer.content['m.relates_to']).toEqual({ 'm.in_reply_to': { event_id: question } });
    expect(answer.content.formatted_body).toContain('<blockquote>Free sandbags are handed out at the fire station on Mill Road');
    expect(answer.content.body).toMatch(/Sources\n1\. Sandbags/);
    const questionId = answer.content[QUESTION_ID_FIELD] as string;
    // The bot offers 👍 and 👎 as reactions of its own under the answer.
    const offered = await waitFor(async () => (sentSince(before, group, 'm.reaction').length >= 2 ? sentSince(before, group, 'm.reaction') : undefined));
    expect(offered.map((r) => (r.content['m.relates_to'] as { key: string }).key)).toEqual(['👍', '👎']);

    fake.sendEvent(group, bob, { 'm.relates_to': { rel_type: 'm.annotation', event_id: answer.eventId, key: '👎' } }, 'm.reaction');
    const logged = await waitFor(async () => (await hub.core.db.select().from(questionLog).where(eq(questionLog.id, questionId))).find((row) => row.feedback !== null));
    expect(logged).toMatchObject({ channel: 'matrix', chatId: group, feedback: 'not_helpful' });
  });

  it('keeps a PDF for review, tells the uploader, and answers from it once approved', async () => {
    const pdf = buildPdf([{ texts: [{ text: 'Evacuation', x: 72, y: 720, size: 20, bold: true }, { text: 'The evacuation bus leaves from the town hall at 6 pm.', x: 72, y: 690, size: 12 }] }]);
    let before = fake.sent.items.length;
    fake.sendEvent(dm, alice, { msgtype: 'm.file', body: 'evacuation.pdf', url: fake.addMedia(pdf), info: { size: pdf.byteLength, mimetype: 'application/pdf' } });
    expect((await firstSince(before, dm)).content.body).toContain('Received evacuation.pdf. A moderator will review it');
    const [pending] = await hub.core.db.select().from(documents).where(eq(documents.filename, 'evacuation.pdf'));
    expect(pending!.status).toBe('pending_review');

    before = fake.sent.items.length;
    await approveDocument(hub.core, pending!.id, 'moderator');
    expect((await firstSince(before, dm)).content.body).toContain('A moderator approved');
    await waitFor(async () => ((await statusOf(pending!.id)) === 'ready' ? true : undefined));

    before = fake.sent.items.length;
    fake.sendEvent(dm, alice, text('when does the evacuation bus leave?'));
    const answer = await firstSince(before, dm);
    expect(answer.content.body).toContain('town hall at 6 pm');
    expect(answer.content.body).toMatch(/Sources\n1\. Evacuation/);
  });

  it('answers !sources and /status', async () => {
    let before = fake.sent.items.length;
    fake.sendEvent(dm, alice, text('!sources'));
    expect((await firstSince(before, dm)).content.body).toMatch(/Documents of @alice:fake\.local’s Matrix chat, newest first \(1\)\n1\. Evacuation — added/);
    before = fake.sent.items.length;
    fake.sendEvent(dm, alice, text('/status'));
    const status = (await firstSince(before, dm)).content.body as string;
    expect(status).toContain('✅ Groq (cloud language model): up');
    expect(status).toContain('Mode: standalone');
    expect(status).toContain('Encrypted Matrix rooms: on');
  });

  it('splits a long answer without cutting a quote or a citation', async () => {
    const before = fake.sent.items.length;
    fake.sendEvent(dm, alice, text(`explain ${LONG_ANSWER_TRIGGER} when the evacuation bus leaves the town hall`));
    const messages = await waitFor(async () => (sentSince(before, dm).some((m) => String(m.content.body).includes('Sources\n1.')) ? sentSince(before, dm) : undefined));
    const html = messages.map((m) => String(m.content.formatted_body));
    for (const part of html) expect(part.split('<blockquote>').length).toBe(part.split('</blockquote>').length);
    const written = librarianAnswer([{ role: 'user', content: LONG_ANSWER_TRIGGER }]);
    expect(messages.map((m) => String(m.content.body)).join('\n').match(/\[\d\]/g)!.length).toBe(written.match(/\[\d\]/g)!.length);
    expect(messages.at(-1)!.content[QUESTION_ID_FIELD]).toEqual(expect.any(String));
  });

  it('posts an update to every subscribed room exactly once through a 429, even when the job runs twice', async () => {
    const community = await communityOf(group);
    await hub.core.db.update(communityChats).set({ communityId: community.id }).where(eq(communityChats.chatId, dm));
    fake.rateLimitNextSends({ times: 1, retryAfterMs: 700, roomId: group });
    const update = await publishCommunityUpdate(hub.core, { communityId: community.id, title: 'Water back on', body: 'Tap water is safe again.', publishedBy: 'test' });
    const delivered = await waitFor(async () => {
      const [row] = await hub.core.db.select().from(communityUpdates).where(eq(communityUpdates.id, update.id));
      return Object.values(row!.deliveries).filter((v) => v === 'sent').length === 2 ? row : undefined;
    });
    await hub.core.jobs.send(JobName.deliverCommunityUpdate, { updateId: update.id });
    await waitFor(async () => ((await hub.core.jobs.isQueued(JobName.deliverCommunityUpdate, update.id)) ? undefined : true));
    await hub.delivery.flush();

    const received = (roomId: string) => fake.sent.items.filter((s: SentMatrixEvent) => s.roomId === roomId && String(s.content.body).includes('Water back on'));
    expect(fake.refused.items.filter((r) => r.roomId === group)).toHaveLength(1);
    expect(received(group)).toHaveLength(1);
    expect(received(dm)).toHaveLength(1);
    expect(received(dm)[0]!.content.formatted_body).toBe('<p><strong>Water back on</strong></p><p>Tap water is safe again.</p>');
    expect(delivered.deliveries).toEqual({ [`matrix:${group}`]: 'sent', [`matrix:${dm}`]: 'sent' });
  });
});
