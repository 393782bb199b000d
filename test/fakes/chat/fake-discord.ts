import { attachFakeGateway } from './fake-discord-gateway.ts';
import { listenOnLoopback, readJsonBody, sendBytes, sendJson } from './loopback-server.ts';
import { Recorder } from './recorder.ts';

export type DiscordMessagePayload = Record<string, unknown>;
export interface SentDiscordMessage {
  channelId: string;
  content: string;
  message_reference?: { message_id: string };
  allowed_mentions?: { parse?: string[]; replied_user?: boolean };
}

/**
 * Discord's REST API and gateway on one loopback port: pass `apiUrl` as `rest.api`. One guild with one
 * text channel; messages the bot sends are echoed back over the gateway, as Discord does.
 */
export async function startFakeDiscord(token = 'fake-discord-token') {
  const bot = { id: '900000000000000001', username: 'hub', discriminator: '0', global_name: 'Hub', avatar: null, bot: true };
  const guild = { id: '800000000000000001', name: 'Riverside', channelId: '700000000000000001' };
  const sentMessages = new Recorder<SentDiscordMessage>();
  const typing = new Recorder<string>();
  const files = new Map<string, Uint8Array>();
  let nextId = 1_000_000_000_000_000;
  const snowflake = () => String(nextId++);

  const server = await listenOnLoopback(async (request, response) => {
    const path = new URL(request.url ?? '/', 'http://fake').pathname;
    const file = files.get(path);
    if (file) return sendBytes(response, file);
    if (request.headers.authorization !== `Bot ${token}`) return sendJson(response, 401, { message: '401: Unauthorized', code: 0 });
    if (path === '/api/v10/gateway/bot') {
      return sendJson(response, 200, { url: gatewayUrl, shards: 1, session_start_limit: { total: 1000, remaining: 999, reset_after: 0, max_concurrency: 1 } });
    }
    if (path === '/api/v10/users/@me') return sendJson(response, 200, bot);
    const typingIn = path.match(/^\/api\/v10\/channels\/(\d+)\/typing$/);
    if (typingIn) {
      typing.push(typingIn[1]!);
      return void response.writeHead(204).end();
    }
    const postIn = path.match(/^\/api\/v10\/channels\/(\d+)\/messages$/);
    if (postIn && request.method === 'POST') {
      const body = (await readJsonBody(request)) as Omit<SentDiscordMessage, 'channelId'>;
      sentMessages.push({ channelId: postIn[1]!, ...body });
      const echo = messagePayload({ channel_id: postIn[1], author: bot, content: body.content });
      sendJson(response, 200, echo);
      return gateway.dispatch('MESSAGE_CREATE', echo);
    }
    sendJson(response, 404, { message: `fake has no ${request.method} ${path}`, code: 0 });
  });
  const gatewayUrl = `ws://127.0.0.1:${server.port}/gateway`;
  const gateway = attachFakeGateway(server.server, {
    token,
    url: gatewayUrl,
    ready: { v: 10, user: bot, guilds: [{ id: guild.id, unavailable: true }], session_id: 'fake-session', application: { id: bot.id, flags: 0 }, shard: [0, 1] },
    guildCreate: {
      id: guild.id,
      name: guild.name,
      unavailable: false,
      owner_id: '1',
      member_count: 2,
      channels: [{ id: guild.channelId, type: 0, name: 'general', position: 0, permission_overwrites: [] }],
      roles: [{ id: guild.id, name: '@everyone', permissions: '0', position: 0, color: 0, hoist: false, managed: false, mentionable: false }],
      members: [],
      threads: [],
      emojis: [],
      stickers: [],
      presences: [],
      voice_states: [],
      features: [],
    },
  });

  function messagePayload(fields: DiscordMessagePayload): DiscordMessagePayload {
    const base = { id: snowflake(), type: 0, content: '', timestamp: new Date().toISOString(), edited_timestamp: null, tts: false };
    return { ...base, mention_everyone: false, mentions: [], mention_roles: [], attachments: [], embeds: [], pinned: false, ...fields };
  }

  return {
    apiUrl: `${server.url}/api`,
    token,
    bot,
    guild,
    sentMessages,
    typing,
    /** A person's message in the guild channel (or a DM with `guild_id: undefined, channel_type: 1`). */
    sendUserMessage(fields: DiscordMessagePayload): DiscordMessagePayload {
      const payload = messagePayload({ channel_id: guild.channelId, guild_id: guild.id, ...fields });
      gateway.dispatch('MESSAGE_CREATE', payload);
      return payload;
    },
    /** Serves `bytes` like Discord's CDN and returns the attachment object a message carries. */
    addAttachment(filename: string, bytes: Uint8Array) {
      const id = snowflake();
      const path = `/attachments/${guild.channelId}/${id}/${filename}`;
      files.set(path, bytes);
      return { id, filename, size: bytes.byteLength, url: `${server.url}${path}`, proxy_url: `${server.url}${path}`, content_type: 'application/pdf' };
    },
    async close() {
      await gateway.close();
      await server.close();
    },
  };
}

export type FakeDiscord = Awaited<ReturnType<typeof startFakeDiscord>>;
