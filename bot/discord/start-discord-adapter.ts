import { once } from 'node:events';
import { Client, DiscordjsErrorCodes, Events, GatewayIntentBits, Partials } from 'discord.js';
import type { Logger } from '#api/logging/create-logger.ts';
import { ChatAdapterStartError, ChatSendError, type HandleChatMessage, type HandleFeedback, type RunningChatAdapter } from '../shared/chat-adapter.ts';
import { fetchBytes } from '../shared/fetch-bytes.ts';
import { createTaskTracker } from '../shared/track-tasks.ts';
import { answerDiscordInteraction } from './answer-discord-interaction.ts';
import { answerDiscordMessage } from './answer-discord-message.ts';
import { registerDiscordCommands } from './discord-commands.ts';
import { createDiscordSendQueue, toDiscordSendError } from './discord-send-queue.ts';
import { formatDiscordMarkdown } from './format-discord-markdown.ts';

const STOP_GRACE_MS = 5_000;
/** REST retries on timeouts and resets; a dead network should fail the start quickly, not after minutes. */
const REST_RETRIES = 1;

export interface DiscordAdapterOptions {
  token: string;
  /** DISCORD_API_URL: REST base without version (default https://discord.com/api); the gateway URL comes from it. */
  apiUrl?: string;
  logger: Logger;
  handle: HandleChatMessage;
  /** Records 👍/👎 presses; without it the buttons are not shown. */
  vote?: HandleFeedback;
  /** UPLOAD_MAX_BYTES: downloads stop past it. */
  maxFileBytes?: number;
  signal?: AbortSignal;
}

/**
 * Use to connect the bot to Discord's gateway. Needs no privileged intent: Discord delivers message
 * text to bots for direct messages and for messages that mention them, which is all the bot answers.
 */
export async function startDiscordAdapter(options: DiscordAdapterOptions): Promise<RunningChatAdapter> {
  const { logger, handle } = options;
  const client = new Client({
    intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.DirectMessages],
    // Direct-message channels are not cached before their first message; without this they are dropped.
    partials: [Partials.Channel],
    rest: { ...(options.apiUrl ? { api: options.apiUrl } : {}), retries: REST_RETRIES },
    allowedMentions: { parse: [], repliedUser: false },
  });
  // An 'error' event without a listener would crash the whole hub.
  client.on(Events.Error, (error) => logger.error({ err: error }, 'discord client error'));
  client.on(Events.ShardDisconnect, (event) => logger.warn({ code: event.code }, 'discord gateway disconnected'));
  const abort = () => void client.destroy();
  options.signal?.addEventListener('abort', abort, { once: true });
  try {
    const ready = once(client, Events.ClientReady, options.signal ? { signal: options.signal } : {});
    ready.catch(() => {}); // awaited after login; an abort during login must not count as unhandled
    await client.login(options.token);
    await ready;
  } catch (error) {
    await client.destroy();
    throw explainStartFailure(error, options.apiUrl);
  } finally {
    options.signal?.removeEventListener('abort', abort);
  }

  const tasks = createTaskTracker();
  const queue = createDiscordSendQueue();
  const botUserId = client.user!.id;
  const download = (url: string) => fetchBytes(url, { maxBytes: options.maxFileBytes });
  await registerDiscordCommands(client as Client<true>, logger);
  const vote = options.vote;
  client.on(Events.MessageCreate, (message) => answerDiscordMessage(message, { botUserId, handle, logger, download, tasks, queue, feedback: Boolean(vote) }));
  client.on(Events.InteractionCreate, (interaction) => answerDiscordInteraction(interaction, { handle, ...(vote ? { vote } : {}), logger, tasks, queue }));
  return {
    platform: 'discord',
    identity: `@${client.user!.username}`,
    async post(chatId, blocks) {
      try {
        const channel = await client.channels.fetch(chatId);
        if (!channel?.isSendable()) throw new ChatSendError(`the bot cannot write to Discord channel ${chatId}`, { permanent: true });
        const isGroup = !channel.isDMBased();
        for (const content of formatDiscordMarkdown(blocks)) await queue.run(chatId, isGroup, async () => void (await channel.send({ content, allowedMentions: { parse: [] } })));
      } catch (error) {
        throw toDiscordSendError(error);
      }
    },
    async stop() {
      client.removeAllListeners(Events.MessageCreate);
      client.removeAllListeners(Events.InteractionCreate);
      await tasks.drain(STOP_GRACE_MS);
      await client.destroy();
    },
  };
}

function explainStartFailure(error: unknown, apiUrl: string | undefined): ChatAdapterStartError {
  const code = (error as { code?: unknown }).code;
  const message = error instanceof Error ? error.message : String(error);
  if (code === DiscordjsErrorCodes.TokenInvalid || /Authentication failed/i.test(message)) {
    return new ChatAdapterStartError('Discord rejected DISCORD_BOT_TOKEN: copy the bot token again from the Developer Portal (Bot > Reset Token).', { retryable: false, cause: error });
  }
  if (/disallowed intents/i.test(message)) {
    return new ChatAdapterStartError(`Discord refused the gateway intents (${message}).`, { retryable: false, cause: error });
  }
  return new ChatAdapterStartError(`Could not connect to Discord at ${apiUrl ?? 'https://discord.com/api'} (${message}). Check the internet connection or DISCORD_API_URL.`, { retryable: true, cause: error });
}
