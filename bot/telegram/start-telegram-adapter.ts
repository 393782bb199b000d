import { Bot, GrammyError, HttpError } from 'grammy';
import type { Logger } from '#api/logging/create-logger.ts';
import { ChatAdapterStartError, type HandleChatMessage, type HandleFeedback, type RunningChatAdapter } from '../shared/chat-adapter.ts';
import { createTaskTracker } from '../shared/track-tasks.ts';
import { answerTelegramMessage } from './answer-telegram-message.ts';
import { createTelegramFileDownloader } from './download-telegram-file.ts';
import { formatTelegramHtml } from './format-telegram-html.ts';
import { recordTelegramFeedback } from './record-telegram-feedback.ts';
import { createTelegramSendQueue, isTelegramGroup, toTelegramSendError } from './telegram-send-queue.ts';

/** How long stop() waits for answers already being written. */
const STOP_GRACE_MS = 5_000;
const UNSUPPORTED_TEXT = 'I answer questions written as text, and read documents and photos. Send /help to see how.';

export interface TelegramAdapterOptions {
  token: string;
  /** TELEGRAM_API_ROOT: https://api.telegram.org, a local Bot API server, or a test fake. */
  apiRoot: string;
  logger: Logger;
  handle: HandleChatMessage;
  /** Records 👍/👎 presses; without it the buttons are not shown. */
  vote?: HandleFeedback;
  /** UPLOAD_MAX_BYTES: downloads stop past it. */
  maxFileBytes?: number;
  /** Aborts a start that hangs (e.g. no route to the API). */
  signal?: AbortSignal;
}

/**
 * Use to connect the bot to Telegram by long polling (no public URL needed, so it works behind NAT).
 * Rejects with a ChatAdapterStartError when the token is refused or the API cannot be reached.
 */
export async function startTelegramAdapter(options: TelegramAdapterOptions): Promise<RunningChatAdapter> {
  const { token, apiRoot, logger, handle } = options;
  const bot = new Bot(token, { client: { apiRoot } });
  // One getMe without grammy's endless retries (bot.init retries network errors forever), so a bad
  // token or an unreachable API is reported now and the caller decides when to try again.
  // grammy types its signal with the abort-controller polyfill; Node's own AbortSignal works the same.
  bot.botInfo = await bot.api.getMe(options.signal as Parameters<typeof bot.api.getMe>[0]).catch((error: unknown) => {
    throw explainStartFailure(error, apiRoot);
  });
  const tasks = createTaskTracker();
  const queue = createTelegramSendQueue();
  const downloadFile = createTelegramFileDownloader(bot.api, { token, apiRoot, maxFileBytes: options.maxFileBytes });
  await registerCommands(bot, logger);

  const vote = options.vote;
  bot.on('message', (ctx, next) => answerTelegramMessage(ctx, next, { handle, logger, downloadFile, tasks, queue, feedback: Boolean(vote) }));
  if (vote) bot.on('callback_query:data', (ctx) => recordTelegramFeedback(ctx, vote, logger));
  // Catch-all, last: what a person sends privately that the bot cannot use (a sticker, a voice note, an
  // unknown command) gets a hint instead of silence. Service messages (a pin) are left alone.
  bot
    .chatType('private')
    .on(['message:text', 'message:file', 'message:location', 'message:contact', 'message:poll', 'message:venue', 'message:dice'], (ctx) => ctx.reply(UNSUPPORTED_TEXT));
  bot.catch(({ error, ctx }) => logger.error({ err: error, updateId: ctx.update.update_id }, 'telegram update failed'));

  // grammy retries network errors itself; it only gives up on a revoked token or a second poller.
  const polling = bot.start({ allowed_updates: ['message', 'callback_query'] }).catch((error: unknown) => {
    const conflict = error instanceof GrammyError && error.error_code === 409;
    const why = conflict ? 'another program is receiving updates for the same TELEGRAM_BOT_TOKEN (409 Conflict): run one hub per bot, or give each instance its own bot' : 'polling failed';
    logger.error({ err: error }, `telegram stopped receiving messages until the hub restarts: ${why}`);
  });
  return {
    platform: 'telegram',
    identity: `@${bot.botInfo.username}`,
    async post(chatId, blocks) {
      try {
        for (const html of formatTelegramHtml(blocks)) {
          await queue.run(chatId, isTelegramGroup(chatId), () => bot.api.sendMessage(chatId, html, { parse_mode: 'HTML', link_preview_options: { is_disabled: true } }));
        }
      } catch (error) {
        throw toTelegramSendError(error);
      }
    },
    async stop() {
      await bot.stop().catch((error: unknown) => logger.warn({ err: error }, 'telegram did not confirm the last updates while stopping'));
      await polling;
      await tasks.drain(STOP_GRACE_MS);
    },
  };
}

/** The menu Telegram shows when someone types "/"; a failure only costs the menu, so it is logged. */
async function registerCommands(bot: Bot, logger: Logger): Promise<void> {
  await bot.api
    .setMyCommands([
      { command: 'ask', description: 'Ask a question (in groups)' },
      { command: 'sources', description: 'The documents I answer from' },
      { command: 'status', description: 'What is working right now' },
      { command: 'subscribe', description: 'Community updates in this chat' },
      { command: 'unsubscribe', description: 'No more community updates here' },
      { command: 'help', description: 'What I do and how to ask' },
    ])
    .catch((error: unknown) => logger.warn({ err: error }, 'could not register the telegram command menu'));
}

function explainStartFailure(error: unknown, apiRoot: string): ChatAdapterStartError {
  if (error instanceof GrammyError) {
    if (error.error_code === 401 || error.error_code === 404) {
      return new ChatAdapterStartError(`Telegram rejected TELEGRAM_BOT_TOKEN (${error.error_code} ${error.description}): copy the token again from @BotFather.`, { retryable: false, cause: error });
    }
    return new ChatAdapterStartError(`Telegram answered ${error.error_code} ${error.description} to getMe.`, { retryable: error.error_code === 429 || error.error_code >= 500, cause: error });
  }
  const reason = error instanceof HttpError ? String(error.error) : String(error);
  return new ChatAdapterStartError(`Could not reach the Telegram Bot API at ${apiRoot} (${reason}). Check the internet connection or TELEGRAM_API_ROOT.`, { retryable: true, cause: error });
}
