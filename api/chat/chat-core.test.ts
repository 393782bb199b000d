import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestCore } from '#test/support/test-core.ts';
import { testEngine } from '#test/support/test-database.ts';
import type { HubCore } from '../core/hub-core.ts';
import { chatOutbox, communities, communityChats, documents, members, questionLog } from '../db/schema/index.ts';
import { approveDocument, rejectDocument } from '../documents/moderate-document.ts';
import { uploadDocument } from '../documents/upload-document.ts';
import { queueUpdateDeliveries } from '../notifications/queue-update-deliveries.ts';
import { queueUploaderNotices } from '../notifications/queue-uploader-notices.ts';
import { publishCommunityUpdate } from '../updates/publish-community-update.ts';
import type { ChatReply, IncomingChatMessage } from './chat-message.ts';
import { handleChatMessage } from './handle-chat-message.ts';
import { recordAnswerFeedback } from './record-answer-feedback.ts';

let counter = 0;
const message = (fields: Partial<IncomingChatMessage>): IncomingChatMessage => ({
  platform: 'telegram',
  chatId: '500',
  isDirect: true,
  sender: { id: `person-${++counter}`, displayName: 'Ana' },
  text: '',
  ...fields,
});
const text = (reply: ChatReply) => JSON.stringify(reply);

describe(`the core's chat entry point on ${testEngine}`, () => {
  let core: HubCore;
  beforeAll(async () => {
    // Groq is "configured" but unreachable: /status must say so, answers fall back to quotes.
    core = await createTestCore({ GROQ_API_KEY: 'gsk_test', GROQ_BASE_URL: 'http://127.0.0.1:9', CHAT_USER_QUESTIONS_PER_HOUR: '12', CHAT_GROUP_QUESTIONS_PER_HOUR: '600', CHAT_ADMINS: 'telegram:mod-1' });
  });
  afterAll(() => core?.close());

  async function addDocument(communitySlug: string | null, body: string, filename: string) {
    const { document } = await uploadDocument(core, { bytes: new TextEncoder().encode(body), filename, community: communitySlug, uploader: { via: 'cli', role: 'trusted' } });
    const { processDocument } = await import('../documents/process-document.ts');
    const { indexDocument } = await import('../rag/index-document.ts');
    await processDocument({ ...core, indexDocument: (id) => indexDocument(core.rag, { documentId: id }) }, { documentId: document.id, attempt: 0, finalAttempt: true });
    return document;
  }
  const linkOf = async (platform: 'telegram' | 'matrix', chatId: string) =>
    (await core.db.select({ communityId: communityChats.communityId, slug: communities.slug, name: communities.name }).from(communityChats).innerJoin(communities, eq(communities.id, communityChats.communityId)).where(eq(communityChats.chatId, chatId))).find(() => true) ?? null;

  it('gives a Telegram group and a private chat with the same digits two communities', async () => {
    await handleChatMessage(core, message({ chatId: '-123456789', isDirect: false, chatTitle: 'Riverside group', text: '/help', command: 'help' }));
    await handleChatMessage(core, message({ chatId: '123456789', text: 'help' }));
    const group = await linkOf('telegram', '-123456789');
    const direct = await linkOf('telegram', '123456789');
    expect(group!.communityId).not.toBe(direct!.communityId);
    expect(group!.slug).not.toBe(direct!.slug);
    expect(group!.name).toBe('Riverside group');
  });

  it('never lets one Matrix room read another room’s documents when their ids differ only in case and punctuation', async () => {
    const first = '!RoomLocalpartXyz:matrix.example.org';
    const second = '!roomlocalpartxyz:matrix-example.org';
    await handleChatMessage(core, message({ platform: 'matrix', chatId: first, isDirect: false, text: 'help' }));
    const firstLink = await linkOf('matrix', first);
    await addDocument(firstLink!.slug, '# Secret plan\n\nThe meeting point for the first room is the old lighthouse.', 'first-room.md');
    const reply = await handleChatMessage(core, message({ platform: 'matrix', chatId: second, isDirect: false, text: 'where is the meeting point lighthouse?' }));
    const secondLink = await linkOf('matrix', second);
    expect(secondLink!.communityId).not.toBe(firstLink!.communityId);
    expect(reply.kind).toBe('answer');
    expect(text(reply)).not.toContain('lighthouse');
    const own = await handleChatMessage(core, message({ platform: 'matrix', chatId: first, isDirect: false, text: 'where is the meeting point lighthouse?' }));
    expect(text(own)).toContain('lighthouse');
  });

  it('does not reuse a community whose slug happens to be the one a new chat would get', async () => {
    const { createHash } = await import('node:crypto');
    const hash = createHash('sha256').update('telegram\u0000777').digest('hex').slice(0, 8);
    await core.db.insert(communities).values({ slug: `telegram-777-${hash}`, name: 'Somebody else' });
    await handleChatMessage(core, message({ chatId: '777', text: 'help' }));
    const link = await linkOf('telegram', '777');
    expect(link!.name).not.toBe('Somebody else');
    expect(link!.slug).not.toBe(`telegram-777-${hash}`);
  });

  it('shows the display name a moderator set, never the slug, in help and welcome', async () => {
    await handleChatMessage(core, message({ chatId: '901', text: 'hi there', command: 'start' }));
    const link = await linkOf('telegram', '901');
    await core.db.update(communities).set({ name: 'Riverside North' }).where(eq(communities.id, link!.communityId));
    expect(await handleChatMessage(core, message({ chatId: '901', text: '', command: 'help' }))).toEqual({ kind: 'help', communityName: 'Riverside North' });
    expect(await handleChatMessage(core, message({ chatId: '901', text: '', command: 'start' }))).toEqual({ kind: 'welcome', communityName: 'Riverside North' });
  });

  it('serves someone whose display name and question contain NUL bytes', async () => {
    const reply = await handleChatMessage(core, message({ chatId: '902', chatTitle: 'Gro\u0000up', sender: { id: 'nul\u0000id', displayName: 'Al\u0000ice' }, text: 'where is the\u0000 lighthouse?' }));
    expect(reply.kind).toBe('answer');
    const [member] = await core.db.select().from(members).where(eq(members.platformUserId, 'nulid'));
    expect(member!.displayName).toBe('Alice');
    const [logged] = await core.db.select().from(questionLog).where(eq(questionLog.askerId, 'nulid'));
    expect(logged!.question).toBe('where is the lighthouse?');
  });

  it('lists the documents a chat draws on, newest first, a page at a time', async () => {
    await handleChatMessage(core, message({ chatId: '903', text: 'help' }));
    const link = await linkOf('telegram', '903');
    const at = (minute: number) => new Date(Date.UTC(2026, 0, 1, 0, minute));
    const row = (title: string, minute: number, status: 'ready' | 'pending_review' = 'ready') => ({
      communityId: link!.communityId, filename: `${title}.md`, title, fileType: 'md', mimeType: 'text/markdown', sizeBytes: 10,
      sha256: `${title}-${minute}`, rawFileKey: 'none', status, approvedAt: status === 'ready' ? at(minute) : null, createdAt: at(minute),
    });
    await core.db.insert(documents).values([...Array.from({ length: 12 }, (_, i) => row(`Notice ${i + 1}`, i + 1)), row('Unreviewed', 30, 'pending_review')]);
    const first = await handleChatMessage(core, message({ chatId: '903', text: '', command: 'sources' }));
    expect(first).toMatchObject({ kind: 'sources', communityName: expect.stringContaining('Telegram chat'), page: 1, pageCount: 2, pageSize: 10, total: 12 });
    expect((first as Extract<ChatReply, { kind: 'sources' }>).documents.slice(0, 2).map((d) => d.title)).toEqual(['Notice 12', 'Notice 11']);
    const second = (await handleChatMessage(core, message({ chatId: '903', text: '2', command: 'sources' }))) as Extract<ChatReply, { kind: 'sources' }>;
    expect(second.documents.map((d) => d.title)).toEqual(['Notice 2', 'Notice 1']);
    const pastTheEnd = (await handleChatMessage(core, message({ chatId: '903', text: '9', command: 'sources' }))) as Extract<ChatReply, { kind: 'sources' }>;
    expect(pastTheEnd.page).toBe(2);
  });

  it('says which answer tiers are up and the sync mode', async () => {
    const reply = await handleChatMessage(core, message({ chatId: '904', text: '', command: 'status' }));
    expect(reply).toMatchObject({ kind: 'status', syncMode: 'standalone', tiers: [{ tier: 'groq', up: false, detail: 'not reachable' }, { tier: 'quotes', up: true }] });
  });

  it('lets a person subscribe and unsubscribe a direct chat, but only admins change a group', async () => {
    expect(await handleChatMessage(core, message({ chatId: '905', text: '', command: 'unsubscribe' }))).toMatchObject({ kind: 'subscription', subscribed: false, changed: true });
    expect(await handleChatMessage(core, message({ chatId: '905', text: '', command: 'unsubscribe' }))).toMatchObject({ changed: false });
    const group = { chatId: '-905', isDirect: false } as const;
    expect(await handleChatMessage(core, message({ ...group, text: '', command: 'unsubscribe', isChatAdmin: async () => false }))).toMatchObject({ kind: 'problem', text: expect.stringContaining('Only an admin') });
    expect(await handleChatMessage(core, message({ ...group, text: '', command: 'unsubscribe', isChatAdmin: async () => true }))).toMatchObject({ kind: 'subscription', changed: true });
    expect(await handleChatMessage(core, message({ ...group, sender: { id: 'mod-1' }, text: '', command: 'subscribe' }))).toMatchObject({ kind: 'subscription', subscribed: true, changed: true });
  });

  it('limits one person’s questions, says once when to try again, then stays quiet', async () => {
    const asker = { id: 'busy-person', displayName: 'Busy' };
    const replies: ChatReply[] = [];
    // 12 an hour: a burst of 2.
    for (let i = 0; i < 4; i++) replies.push(await handleChatMessage(core, message({ chatId: '906', sender: asker, text: `question ${i} about the lighthouse` })));
    expect(replies.map((r) => r.kind)).toEqual(['answer', 'answer', 'rate-limited', 'none']);
    expect(replies[2]).toMatchObject({ action: 'question', scope: 'person', retryAfterSeconds: 300 });
    expect((await handleChatMessage(core, message({ chatId: '906', text: 'someone else asks about the lighthouse' }))).kind).toBe('answer');
  });

  it('keeps one vote per person per answer, changeable, and summarises it on the question log', async () => {
    const reply = await handleChatMessage(core, message({ chatId: '907', text: 'where is the lighthouse?' }));
    const questionId = (reply as Extract<ChatReply, { kind: 'answer' }>).answer.questionId!;
    const vote = (voterId: string, helpful: boolean) => recordAnswerFeedback(core.db, { platform: 'telegram', questionId, voterId, helpful });
    expect(await vote('a', true)).toEqual({ recorded: true, helpful: 1, notHelpful: 0 });
    expect(await vote('a', true)).toEqual({ recorded: true, helpful: 1, notHelpful: 0 });
    expect(await vote('b', false)).toEqual({ recorded: true, helpful: 1, notHelpful: 1 });
    const summary = async () => (await core.db.select({ feedback: questionLog.feedback }).from(questionLog).where(eq(questionLog.id, questionId)))[0]!.feedback;
    expect(await summary()).toBe('not_helpful');
    expect(await vote('b', true)).toEqual({ recorded: true, helpful: 2, notHelpful: 0 });
    expect(await summary()).toBe('helpful');
    expect(await recordAnswerFeedback(core.db, { platform: 'telegram', questionId: '00000000-0000-4000-8000-000000000000', voterId: 'a', helpful: true })).toEqual({ recorded: false, reason: 'unknown-question' });
  });

  it('queues an update once per subscribed chat of its community, however often the job runs', async () => {
    await handleChatMessage(core, message({ chatId: '-908', isDirect: false, text: 'help' }));
    const link = await linkOf('telegram', '-908');
    await core.db.insert(communityChats).values([
      { communityId: link!.communityId, platform: 'matrix', chatId: '!room908:fake.local' },
      { communityId: link!.communityId, platform: 'discord', chatId: '908', updatesSubscribed: false },
    ]);
    const update = await publishCommunityUpdate(core, { communityId: link!.communityId, title: 'Water back', body: 'Tap water is safe again.', publishedBy: 'test' });
    const first = await queueUpdateDeliveries(core.db, update.id);
    const second = await queueUpdateDeliveries(core.db, update.id);
    expect(first).toEqual({ found: true, queued: 2, chats: 2 });
    expect(second).toEqual({ found: true, queued: 0, chats: 2 });
    const rows = await core.db.select().from(chatOutbox).where(eq(chatOutbox.referenceId, update.id));
    expect(rows.map((row) => `${row.platform}:${row.chatId}`).sort()).toEqual(['matrix:!room908:fake.local', 'telegram:-908']);
  });

  it('queues one notice per decision to the chat an upload came from', async () => {
    const upload = (name: string, body: string) =>
      handleChatMessage(core, message({ chatId: '909', sender: { id: 'uploader-909' }, text: '', attachment: { filename: name, sizeBytes: body.length, download: async () => new TextEncoder().encode(body) } }));
    const kept = (await upload('keep.txt', 'Keep this notice about sandbags.')) as Extract<ChatReply, { kind: 'upload-received' }>;
    const dropped = (await upload('drop.txt', 'Drop this notice about nothing.')) as Extract<ChatReply, { kind: 'upload-received' }>;
    expect(kept.document.status).toBe('pending_review');
    await approveDocument(core, kept.document.id, 'mo');
    await rejectDocument(core, dropped.document.id, 'mo', 'Out of date');
    expect(await queueUploaderNotices(core.db)).toBe(2);
    expect(await queueUploaderNotices(core.db)).toBe(0);
    const notices = await core.db.select().from(chatOutbox).where(eq(chatOutbox.kind, 'document-notice'));
    expect(notices.map((n) => [n.chatId, n.message.text]).sort()).toEqual([
      ['909', 'A moderator approved keep.txt. I am reading it now; you can ask about it in a few minutes.'],
      ['909', 'A moderator decided not to use drop.txt. Reason: Out of date'],
    ]);
  });

  it('tells a trusted uploader in their chat when their file could not be read', async () => {
    const reply = (await handleChatMessage(core, message({ chatId: '910', sender: { id: 'mod-1' }, text: '', attachment: { filename: 'broken.pdf', download: async () => new TextEncoder().encode('%PDF-1.4\nnot really a pdf') } }))) as Extract<ChatReply, { kind: 'upload-received' }>;
    expect(reply.document.status).toBe('queued');
    const { processDocument } = await import('../documents/process-document.ts');
    await processDocument({ ...core, indexDocument: async () => {} }, { documentId: reply.document.id, attempt: 0, finalAttempt: true });
    await queueUploaderNotices(core.db);
    const [notice] = await core.db.select().from(chatOutbox).where(eq(chatOutbox.dedupeKey, `document:${reply.document.id}:failed`));
    expect(notice).toMatchObject({ platform: 'telegram', chatId: '910', message: { text: expect.stringContaining('I could not read broken.pdf') } });
    // No "approved" notice for a file that never waited for review.
    expect(await core.db.select().from(chatOutbox).where(eq(chatOutbox.dedupeKey, `document:${reply.document.id}:approved`))).toEqual([]);
  });
});
