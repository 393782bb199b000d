import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChatReply, IncomingChatMessage } from '#api/chat/chat-message.ts';
import { createCapturedLogger, type CapturedLogger } from '#test/fakes/chat/captured-logger.ts';
import { startFakeMatrixHomeserver, type FakeMatrixHomeserver } from '#test/fakes/chat/fake-matrix-homeserver.ts';
import { sampleAnswer } from '#test/fakes/chat/sample-replies.ts';
import { UNEXPECTED_FAILURE_TEXT } from '../shared/answer-chat-message.ts';
import type { RunningChatAdapter } from '../shared/chat-adapter.ts';
import { startMatrixAdapter } from './start-matrix-adapter.ts';
import { ENCRYPTION_NOTICE } from './warn-about-encryption.ts';

const alice = '@alice:fake.local';
const bob = '@bob:fake.local';
const dm = '!dm:fake.local';
const group = '!group:fake.local';

describe('matrix adapter against a fake homeserver', () => {
  let fake: FakeMatrixHomeserver;
  let adapter: RunningChatAdapter | undefined;
  let received: IncomingChatMessage[];
  let log: CapturedLogger;

  async function start(handle: (m: IncomingChatMessage) => Promise<ChatReply>, maxFileBytes?: number) {
    adapter = await startMatrixAdapter({ homeserverUrl: fake.url, accessToken: fake.accessToken, userId: fake.userId, logger: log.logger, handle, maxFileBytes });
  }
  const text = (body: string, extra: object = {}) => ({ msgtype: 'm.text', body, ...extra });

  beforeEach(async () => {
    log = createCapturedLogger();
    fake = await startFakeMatrixHomeserver();
    fake.createRoom(dm, [alice, fake.userId]);
    fake.createRoom(group, [alice, bob, fake.userId], { name: 'Riverside' });
    received = [];
  });
  afterEach(async () => {
    await adapter?.stop();
    adapter = undefined;
    await fake.close();
  });

  it('answers a direct message as an HTML notice, with typing shown and cleared, and ignores history from before the start', async () => {
    fake.sendEvent(dm, alice, text('an old question nobody should answer now'));
    await start(async (m) => (received.push(m), sampleAnswer('Keep <3> days of food.')));
    fake.sendEvent(dm, alice, text('How much food?'));

    const [sent] = await fake.sent.waitForCount(1);
    expect(received).toMatchObject([{ platform: 'matrix', chatId: dm, isDirect: true, sender: { id: alice }, text: 'How much food?' }]);
    expect(sent).toMatchObject({ roomId: dm, type: 'm.room.message' });
    expect(sent!.content).toMatchObject({
      msgtype: 'm.notice',
      body: 'Keep <3> days of food.\n\nSources\n1. Flood guide — Before a flood, pp. 3–4',
      format: 'org.matrix.custom.html',
      formatted_body: '<p>Keep &lt;3&gt; days of food.</p><p><strong>Sources</strong></p><p>1. Flood guide — Before a flood, pp. 3–4</p>',
      'm.mentions': {},
    });
    await fake.typing.waitForCount(2);
    expect(fake.typing.items).toEqual([{ roomId: dm, typing: true }, { roomId: dm, typing: false }]);
  });

  it('answers mentions and !ask in a group room as replies, and ignores the rest', async () => {
    await start(async (m) => (received.push(m), sampleAnswer('ok', 0)));
    fake.sendEvent(group, bob, text('lunch anyone?'));
    fake.sendEvent(group, bob, text('is the bridge open?', { 'm.mentions': { user_ids: [fake.userId] } }));
    const askId = fake.sendEvent(group, alice, text('!ask where is the shelter?'));

    const sent = await fake.sent.waitForCount(2);
    expect(received.map((m) => m.text).sort()).toEqual(['is the bridge open?', 'where is the shelter?']);
    expect(received[0]).toMatchObject({ chatId: group, chatTitle: 'Riverside', isDirect: false });
    expect(sent.map((s) => s.content['m.relates_to'])).toContainEqual({ 'm.in_reply_to': { event_id: askId } });
  });

  it('downloads a file through authenticated media and hands it over with its filename', async () => {
    const bytes = new TextEncoder().encode('%PDF-1.5 water points');
    const mxc = fake.addMedia(bytes);
    let downloaded: Uint8Array | undefined;
    await start(async (m) => {
      received.push(m);
      downloaded = await m.attachment!.download();
      return { kind: 'upload-received', document: { id: 'd1', filename: 'water.pdf', status: 'pending_review' }, duplicate: false };
    });
    fake.sendEvent(dm, alice, { msgtype: 'm.file', body: 'water.pdf', url: mxc, info: { size: bytes.byteLength, mimetype: 'application/pdf' } });

    const [sent] = await fake.sent.waitForCount(1);
    expect(received[0]).toMatchObject({ text: '', attachment: { filename: 'water.pdf', sizeBytes: bytes.byteLength } });
    expect(downloaded).toEqual(bytes);
    expect(sent!.content.body).toBe('Received water.pdf. A moderator will review it before I use it in answers. I will tell you here when they decide.');
  });

  it('stops downloading a file that did not state its size once it passes UPLOAD_MAX_BYTES', async () => {
    const mxc = fake.addMedia(new Uint8Array(4096));
    let failure: unknown;
    await start(async (m) => {
      failure = await m.attachment!.download().catch((error: unknown) => error);
      return { kind: 'problem', text: 'too big' };
    }, 1024);
    fake.sendEvent(dm, alice, { msgtype: 'm.file', body: 'huge.pdf', url: mxc });

    await fake.sent.waitForCount(1);
    expect(failure).toMatchObject({ code: 'payload_too_large' });
  });

  it('joins a room it is invited to and answers there, but not what was said before the invitation', async () => {
    await start(async (m) => (received.push(m), sampleAnswer('hello', 0)));
    fake.createRoom('!new:fake.local', [bob], { inviteBot: false });
    fake.sendEvent('!new:fake.local', bob, text('old talk from before the bot was invited'));
    fake.inviteBot('!new:fake.local', bob);
    await fake.joins.waitForCount(1);
    fake.sendEvent('!new:fake.local', bob, text('hi bot'));

    const [sent] = await fake.sent.waitForCount(1);
    expect(fake.joins.items).toEqual(['!new:fake.local']);
    expect(sent).toMatchObject({ roomId: '!new:fake.local', content: { body: 'hello' } });
    expect(received.map((m) => m.text)).toEqual(['hi bot']);
  });

  it('says once per room that it cannot read encrypted messages', async () => {
    fake.createRoom('!secret:fake.local', [alice, fake.userId], { encrypted: true });
    await start(async (m) => (received.push(m), sampleAnswer('never', 0)));
    fake.sendEvent('!secret:fake.local', alice, { algorithm: 'm.megolm.v1.aes-sha2', ciphertext: 'AAAA' }, 'm.room.encrypted');
    fake.sendEvent('!secret:fake.local', alice, { algorithm: 'm.megolm.v1.aes-sha2', ciphertext: 'BBBB' }, 'm.room.encrypted');
    fake.sendEvent(dm, alice, text('still there?'));

    const sent = await fake.sent.waitForCount(2);
    expect(sent.filter((s) => s.content.body === ENCRYPTION_NOTICE)).toHaveLength(1);
    expect(log.messages().filter((m) => m.startsWith('encrypted matrix room'))).toHaveLength(1);
    expect(received.map((m) => m.text)).toEqual(['still there?']);
  });

  it('survives a core that throws and keeps answering', async () => {
    let calls = 0;
    await start(async () => {
      if (++calls === 1) throw new Error('core exploded');
      return sampleAnswer('fine again', 0);
    });
    fake.sendEvent(dm, alice, text('first'));
    await fake.sent.waitForCount(1);
    fake.sendEvent(dm, alice, text('second'));

    const sent = await fake.sent.waitForCount(2);
    expect(sent.map((s) => s.content.body)).toEqual([UNEXPECTED_FAILURE_TEXT, 'fine again']);
  });

  it('refuses to start with a rejected token or a token of another user, naming the setting', async () => {
    const handle = async () => ({ kind: 'none' }) as const;
    await expect(startMatrixAdapter({ homeserverUrl: fake.url, accessToken: 'wrong', userId: fake.userId, logger: log.logger, handle })).rejects.toMatchObject({
      retryable: false,
      message: expect.stringContaining('MATRIX_ACCESS_TOKEN'),
    });
    await expect(startMatrixAdapter({ homeserverUrl: fake.url, accessToken: fake.accessToken, userId: '@other:fake.local', logger: log.logger, handle })).rejects.toMatchObject({
      retryable: false,
      message: expect.stringContaining('MATRIX_USER_ID'),
    });
  });

  it('reports an unreachable homeserver as a retryable start failure', async () => {
    await fake.close();
    const start = startMatrixAdapter({ homeserverUrl: fake.url, accessToken: fake.accessToken, userId: fake.userId, logger: log.logger, handle: async () => ({ kind: 'none' }) });
    await expect(start).rejects.toMatchObject({ retryable: true, message: expect.stringContaining('Could not reach the Matrix homeserver') });
  });
});
