import type { Context, NextFunction } from 'grammy';
import type { InlineKeyboardMarkup } from 'grammy/types';
import type { Logger } from '#api/logging/create-logger.ts';
import { answerChatMessage } from '../shared/answer-chat-message.ts';
import type { HandleChatMessage } from '../shared/chat-adapter.ts';
import { feedbackToken, THUMBS_DOWN, THUMBS_UP } from '../shared/feedback-token.ts';
import type { SendQueue } from '../shared/send-queue.ts';
import type { TaskTracker } from '../shared/track-tasks.ts';
import { formatTelegramHtml } from './format-telegram-html.ts';
import { isTelegramGroup } from './telegram-send-queue.ts';
import { toMessage, type DownloadTelegramFile } from './to-message.ts';

/** Telegram shows "typing…" for 5 seconds. */
const TYPING_REPEAT_MS = 4_000;
const ADMIN_STATUSES = new Set(['creator', 'administrator']);

export interface TelegramMessageDeps {
  handle: HandleChatMessage;
  logger: Logger;
  downloadFile: DownloadTelegramFile;
  tasks: TaskTracker;
  queue: SendQueue;
  /** Show 👍/👎 under answers (when votes can be recorded). */
  feedback: boolean;
}

/** The 👍 / 👎 buttons under the last message of an answer. */
export function feedbackKeyboard(questionId: string): InlineKeyboardMarkup {
  return { inline_keyboard: [[{ text: THUMBS_UP, callback_data: feedbackToken(questionId, true) }, { text: THUMBS_DOWN, callback_data: feedbackToken(questionId, false) }]] };
}

/** Middleware for every message: answers the ones addressed to the bot, passes the rest on. */
export async function answerTelegramMessage(ctx: Context, next: NextFunction, deps: TelegramMessageDeps): Promise<void> {
  const mapped = ctx.message && toMessage(ctx.message, ctx.me, deps.downloadFile);
  if (!mapped) return next();
  const messageId = ctx.message!.message_id;
  const senderId = ctx.from?.id;
  const incoming = {
    ...mapped,
    // Asked only for commands that change the group for everyone (/subscribe, /unsubscribe).
    isChatAdmin: async () => senderId !== undefined && ADMIN_STATUSES.has((await ctx.getChatMember(senderId)).status),
  };
  const logger = deps.logger.child({ platform: 'telegram', chatId: incoming.chatId, messageId });
  const group = isTelegramGroup(incoming.chatId);
  // In the background: polling goes on, so one slow answer does not hold up every other chat.
  deps.tasks.run(() =>
    answerChatMessage(incoming, {
      handle: deps.handle,
      logger,
      typing: { show: () => ctx.replyWithChatAction('typing'), repeatEveryMs: TYPING_REPEAT_MS },
      render: { howToAskInGroups: `mention @${ctx.me.username}, reply to one of my messages, or write /ask followed by your question`, commandPrefix: '/' },
      async send(blocks, extras) {
        const messages = formatTelegramHtml(blocks);
        for (const [index, html] of messages.entries()) {
          const last = index === messages.length - 1;
          await deps.queue.run(incoming.chatId, group, () =>
            ctx.reply(html, {
              parse_mode: 'HTML',
              link_preview_options: { is_disabled: true },
              // In a busy group, the first part points at the question it answers.
              reply_parameters: index === 0 && !incoming.isDirect ? { message_id: messageId, allow_sending_without_reply: true } : undefined,
              reply_markup: last && deps.feedback && extras.feedbackFor ? feedbackKeyboard(extras.feedbackFor) : undefined,
            }),
          );
        }
      },
    }),
  );
}
