import type { IncomingMessage } from 'node:http';
import { listenOnLoopback, readJsonBody, sendBytes, sendJson } from './loopback-server.ts';
import { Recorder } from './recorder.ts';

type MatrixEvent = { type: string; sender: string; content: Record<string, unknown>; event_id: string; origin_server_ts: number; state_key?: string; unsigned?: object };
/** One entry of the server's event stream; a sync token is the position reached. */
type Entry = { position: number; roomId: string; event: MatrixEvent };

/**
 * A Matrix homeserver reduced to what a bot needs: /versions, whoami, /sync (long poll over an
 * append-only event stream), join, send, typing and authenticated media download. Unknown endpoints
 * answer M_UNRECOGNIZED, as real servers do for features they lack.
 */
export async function startFakeMatrixHomeserver(options: { userId?: string; accessToken?: string } = {}) {
  const userId = options.userId ?? '@hub:fake.local';
  const accessToken = options.accessToken ?? 'fake-matrix-token';
  const stream: Entry[] = [];
  const joined = new Set<string>();
  const media = new Map<string, Uint8Array>();
  const pollers = new Set<() => void>();
  const sent = new Recorder<{ roomId: string; type: string; content: Record<string, unknown> }>();
  const typing = new Recorder<{ roomId: string; typing: boolean }>();
  const joins = new Recorder<string>();
  let counter = 0;
  let lastTs = 0;

  function append(roomId: string, event: Omit<MatrixEvent, 'event_id' | 'origin_server_ts'>): string {
    // Strictly increasing, like a server's clock seen through one room: order by time is order of sending.
    lastTs = Math.max(Date.now(), lastTs + 1);
    const full = { ...event, event_id: `$e${++counter}`, origin_server_ts: lastTs };
    stream.push({ position: stream.length + 1, roomId, event: full });
    for (const wake of [...pollers]) wake();
    return full.event_id;
  }
  const state = (roomId: string, type: string, stateKey: string, sender: string, content: Record<string, unknown>) =>
    append(roomId, { type, state_key: stateKey, sender, content });
  const isMembershipOfBot = (entry: Entry, membership: string) =>
    entry.event.type === 'm.room.member' && entry.event.state_key === userId && entry.event.content.membership === membership;

  function syncBody(since: number) {
    const join: Record<string, unknown> = {};
    const invite: Record<string, unknown> = {};
    for (const roomId of new Set(stream.map((e) => e.roomId))) {
      const entries = stream.filter((e) => e.roomId === roomId);
      if (joined.has(roomId)) {
        const joinedAt = entries.find((e) => isMembershipOfBot(e, 'join'))!.position;
        // A room joined since the last sync arrives whole (state and recent history), as on a real server.
        const fresh = entries.filter((e) => joinedAt > since || e.position > since);
        if (fresh.length > 0) join[roomId] = { timeline: { events: fresh.map((e) => e.event), limited: false }, state: { events: [] } };
      } else if (entries.some((e) => isMembershipOfBot(e, 'invite') && e.position > since)) {
        const stateEvents = entries.filter((e) => e.event.state_key !== undefined).map(({ event }) => ({ type: event.type, state_key: event.state_key, sender: event.sender, content: event.content }));
        invite[roomId] = { invite_state: { events: stateEvents } };
      }
    }
    return { next_batch: String(stream.length), rooms: { join, invite, leave: {} }, account_data: { events: [] }, presence: { events: [] } };
  }

  async function waitForNews(since: number, timeoutMs: number, request: IncomingMessage) {
    if (stream.length > since || timeoutMs <= 0) return;
    await new Promise<void>((resolve) => {
      const wake = () => (clearTimeout(timer), pollers.delete(wake), resolve());
      const timer = setTimeout(wake, timeoutMs);
      pollers.add(wake);
      request.once('close', wake);
    });
  }

  const server = await listenOnLoopback(async (request, response) => {
    const url = new URL(request.url ?? '/', 'http://fake');
    const path = decodeURIComponent(url.pathname);
    if (path === '/_matrix/client/versions') return sendJson(response, 200, { versions: ['v1.1', 'v1.5', 'v1.11'], unstable_features: {} });
    if (request.headers.authorization !== `Bearer ${accessToken}`) return sendJson(response, 401, { errcode: 'M_UNKNOWN_TOKEN', error: 'Invalid access token passed.' });
    if (path === '/_matrix/client/v3/account/whoami') return sendJson(response, 200, { user_id: userId, device_id: 'FAKEDEVICE' });
    if (path === '/_matrix/client/v3/pushrules/') return sendJson(response, 200, { global: {} });
    if (path === '/_matrix/client/v3/capabilities') return sendJson(response, 200, { capabilities: {} });
    if (path === `/_matrix/client/v3/user/${userId}/filter` && request.method === 'POST') return sendJson(response, 200, { filter_id: '1' });
    if (path === '/_matrix/client/v3/sync') {
      const since = Number(url.searchParams.get('since') ?? 0);
      await waitForNews(since, Number(url.searchParams.get('timeout') ?? 0), request);
      return response.destroyed ? undefined : sendJson(response, 200, syncBody(since));
    }
    const joinRoom = path.match(/^\/_matrix\/client\/v3\/(?:join|rooms)\/([^/]+)(?:\/join)?$/);
    if (joinRoom && request.method === 'POST') {
      joined.add(joinRoom[1]!);
      joins.push(joinRoom[1]!);
      state(joinRoom[1]!, 'm.room.member', userId, userId, { membership: 'join' });
      return sendJson(response, 200, { room_id: joinRoom[1] });
    }
    const send = path.match(/^\/_matrix\/client\/v3\/rooms\/([^/]+)\/send\/([^/]+)\/([^/]+)$/);
    if (send) {
      const content = await readJsonBody(request);
      sent.push({ roomId: send[1]!, type: send[2]!, content });
      return sendJson(response, 200, { event_id: append(send[1]!, { type: send[2]!, sender: userId, content, unsigned: { transaction_id: send[3] } }) });
    }
    const typingIn = path.match(/^\/_matrix\/client\/v3\/rooms\/([^/]+)\/typing\//);
    if (typingIn) {
      typing.push({ roomId: typingIn[1]!, typing: Boolean((await readJsonBody(request)).typing) });
      return sendJson(response, 200, {});
    }
    const download = path.match(/^\/_matrix\/client\/v1\/media\/download\/([^/]+)\/([^/]+)/);
    const bytes = download && media.get(`mxc://${download[1]}/${download[2]}`);
    if (bytes) return sendBytes(response, bytes);
    sendJson(response, 404, { errcode: 'M_UNRECOGNIZED', error: `fake has no ${request.method} ${path}` });
  });

  return {
    url: server.url,
    userId,
    accessToken,
    sent,
    typing,
    joins,
    /** A room with these members; the bot is joined when listed, else invited by the first member (unless `inviteBot: false`). */
    createRoom(roomId: string, members: string[], extra: { name?: string; encrypted?: boolean; inviteBot?: boolean } = {}) {
      const [creator = '@alice:fake.local'] = members.filter((m) => m !== userId);
      const invited = !members.includes(userId);
      if (!invited) joined.add(roomId);
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
