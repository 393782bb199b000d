import type { HubConfig } from '#api/config/load-config.ts';
import type { Logger } from '#api/logging/create-logger.ts';
import path from 'node:path';
import type { ChatPlatform, HandleChatMessage, HandleFeedback, RunningChatAdapter } from './shared/chat-adapter.ts';
import { DEFAULT_RETRY_POLICY, superviseAdapter, type RetryPolicy } from './shared/supervise-adapter.ts';

export interface StartChatAdaptersDeps {
  config: HubConfig;
  logger: Logger;
  /** The core: `(message) => handleChatMessage(core, message)`. */
  handle: HandleChatMessage;
  /** The core's recordAnswerFeedback; without it no 👍/👎 are offered. */
  vote?: HandleFeedback;
  /** Timeouts and retry pauses; tests shorten them. */
  retry?: Partial<RetryPolicy>;
}

export interface ChatAdapters {
  /** Platforms connected when the call returned; unreachable ones keep retrying in the background. */
  running: ChatPlatform[];
  /** Disconnects every platform, cancels pending retries; never throws. */
  stop(): Promise<void>;
  /** The connected adapter of a platform, or undefined while it is down or not configured. */
  adapter(platform: ChatPlatform): RunningChatAdapter | undefined;
}

/**
 * Use once at start-up (`hub start`): connects every chat platform whose credentials are set. A
 * platform that fails to start is logged and never stops the others or the process.
 */
export async function startChatAdapters(deps: StartChatAdaptersDeps): Promise<ChatAdapters> {
  const logger = deps.logger.child({ part: 'chat' });
  const policy = { ...DEFAULT_RETRY_POLICY, ...deps.retry };
  const platforms = configuredPlatforms(deps.config, { handle: deps.handle, ...(deps.vote ? { vote: deps.vote } : {}) }, logger);
  if (platforms.length === 0) logger.info('no chat platform configured (set TELEGRAM_BOT_TOKEN, DISCORD_BOT_TOKEN or the three MATRIX_* settings)');
  const supervised = platforms.map(({ platform, start }) => superviseAdapter(platform, start, logger, policy));
  const connected = await Promise.all(supervised.map((adapter) => adapter.firstAttempt));
  return {
    running: supervised.filter((_, index) => connected[index]).map((adapter) => adapter.platform),
    async stop() {
      await Promise.all(supervised.map((adapter) => adapter.stop()));
    },
    adapter: (platform) => supervised.find((adapter) => adapter.platform === platform)?.current() ?? undefined,
  };
}

type PlatformStarter = { platform: ChatPlatform; start: (signal: AbortSignal) => Promise<RunningChatAdapter> };

/** Each SDK is loaded only when its platform is configured: a cloud instance has 512 MB to spend. */
function configuredPlatforms(config: HubConfig, core: { handle: HandleChatMessage; vote?: HandleFeedback }, logger: Logger): PlatformStarter[] {
  const starters: PlatformStarter[] = [];
  const { handle } = core;
  const vote = core.vote ? { vote: core.vote } : {};
  const maxFileBytes = config.UPLOAD_MAX_BYTES;
  const { TELEGRAM_BOT_TOKEN: telegramToken, DISCORD_BOT_TOKEN: discordToken } = config;
  if (telegramToken) {
    const log = logger.child({ platform: 'telegram' });
    starters.push({ platform: 'telegram', start: async (signal) => (await import('./telegram/start-telegram-adapter.ts')).startTelegramAdapter({ token: telegramToken, apiRoot: config.TELEGRAM_API_ROOT, logger: log, handle, ...vote, maxFileBytes, signal }) });
  }
  if (discordToken) {
    const log = logger.child({ platform: 'discord' });
    starters.push({ platform: 'discord', start: async (signal) => (await import('./discord/start-discord-adapter.ts')).startDiscordAdapter({ token: discordToken, apiUrl: config.DISCORD_API_URL, logger: log, handle, ...vote, maxFileBytes, signal }) });
  }
  const { MATRIX_HOMESERVER_URL: homeserverUrl, MATRIX_ACCESS_TOKEN: accessToken, MATRIX_USER_ID: userId } = config;
  // The config check already refuses one or two of the three; all three means Matrix is wanted.
  if (homeserverUrl && accessToken && userId) {
    const log = logger.child({ platform: 'matrix' });
    // The rust crypto wasm (+28 MB) loads only when encryption is on.
    const crypto = config.MATRIX_ENCRYPTION ? { cryptoStoreDir: path.join(config.HUB_DATA_DIR, 'matrix-crypto') } : {};
    starters.push({ platform: 'matrix', start: async (signal) => (await import('./matrix/start-matrix-adapter.ts')).startMatrixAdapter({ homeserverUrl, accessToken, userId, logger: log, handle, ...vote, ...crypto, maxFileBytes, signal }) });
  }
  return starters;
}
