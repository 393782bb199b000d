import { attachFakeGateway } from './fake-discord-gateway.ts';
import { listenOnLoopback, readJsonBody, sendBytes, sendJson } from './loopback-server.ts';
import { Recorder } from './recorder.ts';

export type DiscordMessagePayload = Record<string, unknown>;
export interface SentDiscordMessage {
  channelId: string;
  content: string;
  /** The message's id, for pressing its buttons. */
  id?: string;
  components?: Array<{ type: number; components: Array<{ type: number; custom_id: string; emoji?: { name: string } }> }>;
  /** Set for replies to a slash command (edited original or follow-up). */
  interactionToken?: string;
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
  const registeredCommands = new Recorder<Array<{ name: string }>>();
  /** Interaction callbacks: the deferral of a slash command, the ephemeral thanks for a button. */
  const interactionCallbacks = new Recorder<{ interactionId: string; type: number; data?: { content?: string; flags?: number } }>();
  const refusedMessages = new Recorder<{ channelId: string; content: string }>();
  const rateLimits: Array<{ times: number; retryAfterSeconds: number; channelId?: string }> = [];
  /** Which channel an interaction token answers in. */
  const interactionChannels = new Map<string, string>();
  const dmChannels = new Set<string>();
  let nextId = 1_000_000_000_000_000;
  const snowflake = () => String(nextId++);

  function takeRateLimit(channelId: string): number | null {
    const rule = rateLimits.find((r) => r.times > 0 && (r.channelId === undefined || r.channelId === channelId));
    if (!rule) return null;
    rule.times--;
    return rule.retryAfterSeconds;
  }

  /** Records a message the bot posted and echoes it over the gateway, as Discord does. */
  function post(channelId: string, body: Omit<SentDiscordMessage, 'channelId'>) {
    const echo = messagePayload({ channel_id: channelId, author: bot, content: body.content, components: body.components ?? [] });
    sentMessages.push({ channelId, ...body, id: String(echo.id) });
    gateway.dispatch('MESSAGE_CREATE', echo);
    return echo;
  }

  const server = await listenOnLoopback(async (request, response) => {
    const path = new URL(request.url ?? '/', 'http://fake').pathname;
    const file = files.get(path);
    if (file) return sendBytes(response, file);
    // Interaction responses are authorised by the interaction token in the URL, not the bot token.
    const callback = path.match(/^\/api\/v10\/interactions\/(\d+)\/([^/]+)\/callback$/);
    if (callback && request.method === 'POST') {
      interactionCallbacks.push({ interactionId: callback[1]!, ...((await readJsonBody(request)) as { type: number }) });
      return void response.writeHead(204).end();
    }
    const webhook = decodeURIComponent(path).match(/^\/api\/v10\/webhooks\/(\d+)\/([^/]+)(\/messages\/@original)?$/);
    if (webhook && (request.method === 'PATCH' || request.method === 'POST')) {
      const body = (await readJsonBody(request)) as Omit<SentDiscordMessage, 'channelId'>;
      return sendJson(response, 200, post(interactionChannels.get(webhook[2]!) ?? guild.channelId, { ...body, interactionToken: webhook[2]! }));
    }
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
      const retryAfter = takeRateLimit(postIn[1]!);
      if (retryAfter !== null) {
        refusedMessages.push({ channelId: postIn[1]!, content: body.content });
        response.setHeader('retry-after', String(retryAfter));
        return sendJson(response, 429, { message: 'You are being rate limited.', retry_after: retryAfter, global: false });
      }
      return sendJson(response, 200, post(postIn[1]!, body));
    }
    const channel = path.match(/^\/api\/v10\/channels\/(\d+)$/);
    if (channel && request.method === 'GET') {
      if (channel[1] === guild.channelId) return sendJson(response, 200, { id: guild.channelId, type: 0, guild_id: guild.id, name: 'general', position: 0, permission_overwrites: [] });
      if (dmChannels.has(channel[1]!)) return sendJson(response, 200, { id: channel[1], type: 1, recipients: [{ id: '600000000000000001', username: 'alice', discriminator: '0', global_name: 'Alice', avatar: null }] });
      return sendJson(response, 404, { message: 'Unknown Channel', code: 10003 });
    }
    if (path === `/api/v10/applications/${bot.id}/commands` && request.method === 'PUT') {
      const commands = (await readJsonBody(request)) as unknown as Array<{ name: string }>;
      registeredCommands.push(commands);
      return sendJson(response, 200, commands.map((command) => ({ id: snowflake(), application_id: bot.id, version: '1', type: 1, ...command })));
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

  /** The interaction payload Discord sends for a slash command or a button press. */
  function interactionPayload(fields: { type: number; data: Record<string, unknown>; user: Record<string, unknown>; channelId?: string; direct?: boolean; permissions?: string; message?: Record<string, unknown> }) {
    const id = snowflake();
    const interactionToken = `interaction-token-${id}`;
    const channelId = fields.channelId ?? guild.channelId;
    interactionChannels.set(interactionToken, channelId);
    if (fields.direct) dmChannels.add(channelId);
    const where = fields.direct
      ? { user: fields.user, channel: { id: channelId, type: 1 }, context: 1 }
      : { guild_id: guild.id, member: { user: fields.user, roles: [], permissions: fields.permissions ?? '0', joined_at: new Date(0).toISOString(), deaf: false, mute: false, flags: 0 }, channel: { id: channelId, type: 0, name: 'general', guild_id: guild.id }, context: 0 };
    const payload = { id, application_id: bot.id, type: fields.type, data: fields.data, channel_id: channelId, token: interactionToken, version: 1, app_permissions: '0', locale: 'en-US', entitlements: [], authorizing_integration_owners: {}, ...where, ...(fields.message ? { message: fields.message } : {}) };
    gateway.dispatch('INTERACTION_CREATE', payload);
    return payload;
  }

  return {
    apiUrl: `${server.url}/api`,
    token,
    bot,
    guild,
    sentMessages,
    typing,
    registeredCommands,
    interactionCallbacks,
    refusedMessages,
    /** The next `times` posts (to `channelId` only, when given) answer 429 with this retry_after. */
    rateLimitNextMessages(options: { times: number; retryAfterSeconds: number; channelId?: string }) {
      rateLimits.push(options);
    },
    /** Makes a DM channel known to GET /channels/:id (Discord creates one per person). */
    addDmChannel(channelId: string) {
      dmChannels.add(channelId);
    },
    /** Someone runs `/name` with these options (type 3 string, 4 integer). */
    runSlashCommand(options: { name: string; user: Record<string, unknown>; options?: Array<{ name: string; type: number; value: unknown }>; channelId?: string; direct?: boolean; permissions?: string }) {
      return interactionPayload({ type: 2, data: { id: snowflake(), name: options.name, type: 1, options: options.options ?? [] }, user: options.user, channelId: options.channelId, direct: options.direct, permissions: options.permissions });
    },
    /** Someone presses a button (`customId`) under the bot's message `messageId`. */
    pressButton(options: { customId: string; user: Record<string, unknown>; messageId: string; channelId?: string; direct?: boolean }) {
      const message = messagePayload({ id: options.messageId, channel_id: options.channelId ?? guild.channelId, author: bot, content: '…' });
      return interactionPayload({ type: 3, data: { custom_id: options.customId, component_type: 2 }, user: options.user, channelId: options.channelId, direct: options.direct, message });
    },
    /** A person's message in the guild channel (or a DM with `guild_id: undefined, channel_type: 1`). */
    sendUserMessage(fields: DiscordMessagePayload): DiscordMessagePayload {
      const payload = messagePayload({ channel_id: guild.channelId, guild_id: guild.id, ...fields });
      if (payload.guild_id === undefined) dmChannels.add(String(payload.channel_id));
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
