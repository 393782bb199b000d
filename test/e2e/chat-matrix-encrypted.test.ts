import { ClientEvent, EventType, MsgType, SyncState, type MatrixClient, type MatrixEvent } from 'matrix-js-sdk';
import { pino } from 'pino';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handleChatMessage } from '../../api/chat/handle-chat-message.ts';
import type { HubCore } from '../../api/core/hub-core.ts';
import { communities, communityChats, documents } from '../../api/db/schema/index.ts';
import { uploadDocument } from '../../api/documents/upload-document.ts';
import { createMatrixClient } from '../../bot/matrix/create-matrix-client.ts';
import { UNDECRYPTABLE_NOTICE } from '../../bot/matrix/warn-about-encryption.ts';
import { startChatAdapters, type ChatAdapters } from '../../bot/start-chat-adapters.ts';
import { startWorkers } from '../../workers/start-workers.ts';
import { startFakeMatrixHomeserver, type FakeMatrixHomeserver } from '../fakes/chat/fake-matrix-homeserver.ts';
import { createTestCore, waitFor } from '../support/test-core.ts';
import { testEngine } from '../support/test-database.ts';

const alice = '@alice:fake.local';
const room = '!secret:fake.local';

/**
 * Alice is a real matrix-js-sdk client with rust crypto; the bot is the hub's Matrix adapter. The
 * fake homeserver only stores and forwards keys and ciphertext, so everything the bot reads it had
 * to decrypt itself, and everything Alice reads the bot encrypted.
 */
describe(`an end-to-end encrypted Matrix room on ${testEngine}`, () => {
  let fake: FakeMatrixHomeserver;
  let core: HubCore;
  let chat: ChatAdapters;
  let person: MatrixClient;

  const startBot = () => startChatAdapters({ config: core.config, logger: core.logger, handle: (message) => handleChatMessage(core, message) });
  /** What Alice's client shows of the bot's messages, decrypted. */
  const botMessagesSeenByAlice = () =>
    (person.getRoom(room)?.getLiveTimeline().getEvents() ?? []).filter((e: MatrixEvent) => e.getSender() === fake.userId && e.getType() === EventType.RoomMessage).map((e) => String(e.getContent().body));

  beforeAll(async () => {
    fake = await startFakeMatrixHomeserver();
    const token = fake.addUser(alice, 'ALICEDEVICE');
    fake.createRoom(room, [alice, fake.userId], { encrypted: true });
    core = await createTestCore({ MATRIX_HOMESERVER_URL: fake.url, MATRIX_ACCESS_TOKEN: fake.accessToken, MATRIX_USER_ID: fake.userId });
    await startWorkers(core);
    chat = await startBot();
    person = createMatrixClient({ homeserverUrl: fake.url, accessToken: token, userId: alice }, pino({ level: 'silent' }));
    person.deviceId = 'ALICEDEVICE';
    await person.initRustCrypto({ useIndexedDB: false });
    const ready = new Promise<void>((resolve) => person.on(ClientEvent.Sync, (state) => state === SyncState.Prepared && resolve()));
    await person.startClient({ initialSyncLimit: 10 });
    await ready;
  });
  afterAll(async () => {
    person?.stopClient();
    await chat?.stop();
    await core?.close();
    await fake?.close();
  });

  it('reads an encrypted question and answers encrypted, with sources', async () => {
    // The room's community gets a document once the bot has seen the room.
    await handleChatMessage(core, { platform: 'matrix', chatId: room, isDirect: true, sender: { id: alice }, text: '', command: 'help' });
    const [link] = await core.db.select({ slug: communities.slug }).from(communityChats).innerJoin(communities, eq(communities.id, communityChats.communityId)).where(eq(communityChats.chatId, room));
    const { document } = await uploadDocument(core, { bytes: new TextEncoder().encode('# Sandbags\n\nFree sandbags are handed out at the fire station on Mill Road from 8 am.'), filename: 'sandbags.md', community: link!.slug, uploader: { via: 'cli', role: 'trusted' } });
    await waitFor(async () => ((await core.db.select().from(documents).where(eq(documents.id, document.id)))[0]?.status === 'ready' ? true : undefined));

    await person.sendMessage(room, { msgtype: MsgType.Text, body: 'where can I get sandbags?' });
    const answer = await waitFor(async () => botMessagesSeenByAlice().find((body) => body.includes('Sources')), 30_000, 'the decrypted answer');
    expect(answer).toContain('fire station on Mill Road');
    // Nothing the bot wrote went over the wire in clear text.
    expect(fake.sent.items.filter((s) => s.roomId === room).every((s) => s.type === 'm.room.encrypted')).toBe(true);
    expect(fake.sent.items.some((s) => JSON.stringify(s.content).includes('Mill Road'))).toBe(false);
  });

  it('still reads the room after a restart, with the keys kept in the data directory', async () => {
    await chat.stop();
    chat = await startBot();
    const before = botMessagesSeenByAlice().length;
    // Same Megolm session as before the restart: only the stored room key can decrypt it.
    await person.sendMessage(room, { msgtype: MsgType.Text, body: '!status' });
    const status = await waitFor(async () => botMessagesSeenByAlice().slice(before).find((body) => body.includes('Mode:')), 30_000, 'the status after the restart');
    expect(status).toContain('Encrypted Matrix rooms: on');
    expect(botMessagesSeenByAlice()).not.toContain(UNDECRYPTABLE_NOTICE);
  });
});
