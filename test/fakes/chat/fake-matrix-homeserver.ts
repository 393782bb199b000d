import type { IncomingMessage, ServerResponse } from 'node:http';
import { createFakeKeyServer, type DeviceRef } from './fake-matrix-keys.ts';
import { listenOnLoopback, readJsonBody, sendBytes, sendJson } from './loopback-server.ts';
import { Recorder } from './recorder.ts';

type MatrixEvent = { type: string; sender: string; content: Record<string, unknown>; event_id: string; origin_server_ts: number; room_id: string; state_key?: string; unsigned?: object };
/** One entry of the server's event stream; a sync token is the position reached. */
type Entry = { position: number; roomId: string; event: MatrixEvent };
export type SentMatrixEvent = { roomId: string; type: string; content: Record<string, unknown>; eventId: string; sender: string };

/**
 * A Matrix homeserver reduced to what bots and test users need: /versions, whoami, /sync (long poll
 * over one append-only stream, per user), join, send, typing, authenticated media, and the key
 * endpoints end-to-end encryption uses (fake-matrix-keys.ts). Several users can log in, so a real
 * matrix-js-sdk client can play a person talking to the bot. Unknown endpoints answer M_UNRECOGNIZED.
 */
export async function startFakeMatrixHomeserver(options: { userId?: string; accessToken?: string } = {}) {
  const userId = options.userId ?? '@hub:fake.local';
  const accessToken = options.accessToken ?? 'fake-matrix-token';
  const users = new Map<string, DeviceRef>([[accessToken, { userId, deviceId: 'FAKEDEVICE' }]]);
  const stream: Entry[] = [];
  const media = new Map<string, Uint8Array>();
  const pollers = new Set<() => void>();
  /** Messages the bot sent (the recorder tests wait on). */
  const sent = new Recorder<SentMatrixEvent>();
  /** Messages anyone sent through the API (the bot and test users). */
  const sentByAnyone = new Recorder<SentMatrixEvent>();
  const refused = new Recorder<{ roomId: string; type: string }>();
  const typing = new Recorder<{ roomId: string; typing: boolean }>();
  const joins = new Recorder<string>();
  const rateLimits: Array<{ times: number; retryAfterMs: number; roomId?: string }> = [];
  let position = 0;
  let counter = 0;
  let lastTs = 0;
  const nextPosition = () => {
    position += 1;
    for (const wake of [...pollers]) wake();
    return position;
  };
  const keys = createFakeKeyServer(nextPosition);

  function append(roomId: string, event: Omit<MatrixEvent, 'event_id' | 'origin_server_ts' | 'room_id'>): string {
    // Strictly increasing, like a server's clock seen through one room: order by time is order of sending.
    lastTs = Math.max(Date.now(), lastTs + 1);
    const full = { ...event, room_id: roomId, event_id: `$e${++counter}`, origin_server_ts: lastTs };
    stream.push({ position: position + 1, roomId, event: full });
    nextPosition();
    return full.event_id;
  }
  const state = (roomId: string, type: string, stateKey: string, sender: string, content: Record<string, unknown>) => append(roomId, { type, state_key: stateKey, sender, content });
  const memberEvents = (roomId: string, member: string) => stream.filter((e) => e.roomId === roomId && e.event.type === 'm.room.member' && e.event.state_key === member);
  const membershipOf = (roomId: string, member: string) => memberEvents(roomId, member).at(-1)?.event.content.membership;

  function syncBody(device: DeviceRef, since: number) {
    const join: Record<string, unknown> = {};
    const invite: Record<string, unknown> = {};
    for (const roomId of new Set(stream.map((e) => e.roomId))) {
      const entries = stream.filter((e) => e.roomId === roomId);
      const membership = membershipOf(roomId, device.userId);
      if (membership === 'join') {
        const joinedAt = memberEvents(roomId, device.userId).filter((e) => e.event.content.membership === 'join').at(-1)!.position;
        // A room joined since the last sync arrives whole (state and recent history), as on a real server.
        const fresh = entries.filter((e) => joinedAt > since || e.position > since);
        if (fresh.length > 0) join[roomId] = { timeline: { events: fresh.map((e) => e.event), limited: false }, state: { events: [] } };
      } else if (membership === 'invite' && memberEvents(roomId, device.userId).at(-1)!.position > since) {
        const stateEvents = entries.filter((e) => e.event.state_key !== undefined).map(({ event }) => ({ type: event.type, state_key: event.state_key, sender: event.sender, content: event.content }));
        invite[roomId] = { invite_state: { events: stateEvents } };
      }
    }
    return { next_batch: String(position), rooms: { join, invite, leave: {} }, account_data: { events: [] }, presence: { events: [] }, ...keys.syncPart(device, since) };
  }

  async function waitForNews(since: number, timeoutMs: number, request: IncomingMessage) {
    if (position > since || timeoutMs <= 0) return;
    await new Promise<void>((resolve) => {
      const wake = () => (clearTimeout(timer), pollers.delete(wake), resolve());
      const timer = setTimeout(wake, timeoutMs);
      pollers.add(wake);
      request.once('close', wake);
    });
  }

  function takeRateLimit(roomId: string): number | null {
    const rule = rateLimits.find((r) => r.times > 0 && (r.roomId === undefined || r.roomId === roomId));
    if (!rule) return null;
    rule.times--;
    return rule.retryAfterMs;
  }

  async function roomRequest(device: DeviceRef, path: string, request: IncomingMessage, response: ServerResponse): Promise<boolean> {
    const joinRoom = path.match(/^\/_matrix\/client\/v3\/(?:join|rooms)\/([^/]+)(?:\/join)?$/);
    if (joinRoom && request.method === 'POST') {
      joins.push(joinRoom[1]!);
      state(joinRoom[1]!, 'm.room.member', device.userId, device.userId, { membership: 'join' });
      sendJson(response, 200, { room_id: joinRoom[1] });
      return true;
    }
    const send = path.match(/^\/_matrix\/client\/v3\/rooms\/([^/]+)\/send\/([^/]+)\/([^/]+)$/);
    if (send) {
      const content = await readJsonBody(request);
      const retryAfterMs = device.userId === userId ? takeRateLimit(send[1]!) : null;
      if (retryAfterMs !== null) {
        refused.push({ roomId: send[1]!, type: send[2]! });
        sendJson(response, 429, { errcode: 'M_LIMIT_EXCEEDED', error: 'Too many requests', retry_after_ms: retryAfterMs });
        return true;
      }
      const eventId = append(send[1]!, { type: send[2]!, sender: device.userId, content, unsigned: { transaction_id: send[3] } });
      const record = { roomId: send[1]!, type: send[2]!, content, eventId, sender: device.userId };
      sentByAnyone.push(record);
      if (device.userId === userId) sent.push(record);
      sendJson(response, 200, { event_id: eventId });
      return true;
    }
    const typingIn = path.match(/^\/_matrix\/client\/v3\/rooms\/([^/]+)\/typing\//);
    if (typingIn) {
      typing.push({ roomId: typingIn[1]!, typing: Boolean((await readJsonBody(request)).typing) });
      sendJson(response, 200, {});
      return true;
    }
    const members = path.match(/^\/_matrix\/client\/v3\/rooms\/([^/]+)\/members$/);
    if (members) {
      const latest = new Map(stream.filter((e) => e.roomId === members[1] && e.event.type === 'm.room.member').map((e) => [e.event.state_key, e.event]));
      sendJson(response, 200, { chunk: [...latest.values()] });
      return true;
    }
    const single = path.match(/^\/_matrix\/client\/v3\/rooms\/([^/]+)\/event\/([^/]+)$/);
    if (single) {
      const found = stream.find((e) => e.roomId === single[1] && e.event.event_id === single[2]);
      if (found) sendJson(response, 200, found.event);
      else sendJson(response, 404, { errcode: 'M_NOT_FOUND', error: 'Event not found' });
      return true;
    }
    return false;
  }

  async function keyRequest(device: DeviceRef, path: string, request: IncomingMessage, response: ServerResponse): Promise<boolean> {
    if (path === '/_matrix/client/v3/keys/upload') return void sendJson(response, 200, keys.upload(device, await readJsonBody(request))), true;
    if (path === '/_matrix/client/v3/keys/query') return void sendJson(response, 200, keys.query(await readJsonBody(request))), true;
    if (path === '/_matrix/client/v3/keys/claim') return void sendJson(response, 200, keys.claim(await readJsonBody(request))), true;
    const toDevice = path.match(/^\/_matrix\/client\/v3\/sendToDevice\/([^/]+)\/[^/]+$/);
    if (toDevice) return void sendJson(response, 200, keys.sendToDevice(device, toDevice[1]!, await readJsonBody(request))), true;
    return false;
  }

  const server = await listenOnLoopback(async (request, response) => {
    const url = new URL(request.url ?? '/', 'http://fake');
    const path = decodeURIComponent(url.pathname);
    if (path === '/_matrix/client/versions') return sendJson(response, 200, { versions: ['v1.1', 'v1.5', 'v1.11'], unstable_features: {} });
    const device = users.get((request.headers.authorization ?? '').replace(/^Bearer /, ''));
    if (!device) return sendJson(response, 401, { errcode: 'M_UNKNOWN_TOKEN', error: 'Invalid access token passed.' });
    if (path === '/_matrix/client/v3/account/whoami') return sendJson(response, 200, { user_id: device.userId, device_id: device.deviceId });
    if (path === '/_matrix/client/v3/pushrules/') return sendJson(response, 200, { global: {} });
    if (path === '/_matrix/client/v3/capabilities') return sendJson(response, 200, { capabilities: {} });
    if (/^\/_matrix\/client\/v3\/user\/[^/]+\/filter$/.test(path) && request.method === 'POST') return sendJson(response, 200, { filter_id: '1' });
    if (path === '/_matrix/client/v3/sync') {
      const since = Number(url.searchParams.get('since') ?? 0);
      await waitForNews(since, Number(url.searchParams.get('timeout') ?? 0), request);
      return response.destroyed ? undefined : sendJson(response, 200, syncBody(device, since));
    }
    if (await roomRequest(device, path, request, response)) return;
    if (await keyRequest(device, path, request, response)) return;
    const download = path.match(/^\/_matrix\/client\/v1\/media\/download\/([^/]+)\/([^/]+)/);
    const bytes = download && media.get(`mxc://${download[1]}/${download[2]}`);
    if (bytes) return sendBytes(response, bytes);
    if (path.startsWith('/_matrix/client/v3/room_keys/') || path.includes('/account_data/')) return sendJson(response, 404, { errcode: 'M_NOT_FOUND', error: 'Not found' });
    sendJson(response, 404, { errcode: 'M_UNRECOGNIZED', error: `fake has no ${request.method} ${path}` });
  });

  return {
    url: server.url,
    userId,
    accessToken,
    sent,
    sentByAnyone,
    refused,
    typing,
    joins,
    /** A person who logs in with their own client (e.g. to talk to the bot in an encrypted room); returns their token. */
    addUser(person: string, deviceId = 'PERSONDEVICE'): string {
      const token = `token-${person}-${deviceId}`;
      users.set(token, { userId: person, deviceId });
      return token;
    },
    /** A room with these members; the bot is joined when listed, else invited by the first member (unless `inviteBot: false`). */
    createRoom(roomId: string, members: string[], extra: { name?: string; encrypted?: boolean; inviteBot?: boolean } = {}) {
      const [creator = '@alice:fake.local'] = members.filter((m) => m !== userId);
      const invited = !members.includes(userId);
      state(roomId, 'm.room.create', '', creator, { creator, room_version: '10' });
      if (extra.name) state(roomId, 'm.room.name', '', creator, { name: extra.name });
      if (extra.encrypted) state(roomId, 'm.room.encryption', '', creator, { algorithm: 'm.megolm.v1.aes-sha2' });
      for (const member of members) state(roomId, 'm.room.member', member, member, { membership: 'join' });
      if (invited && extra.inviteBot !== false) state(roomId, 'm.room.member', userId, creator, { membership: 'invite' });
    },
    inviteBot(roomId: string, inviter: string) {
      state(roomId, 'm.room.member', userId, inviter, { membership: 'invite' });
    },
    /** An event from someone else; returns its event id. */
    sendEvent(roomId: string, sender: string, content: Record<string, unknown>, type = 'm.room.message') {
      return append(roomId, { type, sender, content });
    },
    /** The next `times` bot sends (into `roomId` only, when given) answer 429 M_LIMIT_EXCEEDED with this retry_after_ms. */
    rateLimitNextSends(options: { times: number; retryAfterMs: number; roomId?: string }) {
      rateLimits.push(options);
    },
    addMedia(bytes: Uint8Array): string {
      const mxc = `mxc://fake.local/media${++counter}`;
      media.set(mxc, bytes);
      return mxc;
    },
    close: () => {
      for (const wake of [...pollers]) wake();
      return server.close();
    },
  };
}

export type FakeMatrixHomeserver = Awaited<ReturnType<typeof startFakeMatrixHomeserver>>;
