import type { Context, NextFunction } from 'grammy';
import type { Logger } from '#api/logging/create-logger.ts';
import { answerChatMessage } from '../shared/answer-chat-message.ts';
import type { HandleChatMessage } from '../shared/chat-adapter.ts';
import type { TaskTracker } from '../shared/track-tasks.ts';
import { formatTelegramHtml } from './format-telegram-html.ts';
import { toMessage, type DownloadTelegramFile } from './to-message.ts';

/** Telegram shows "typing…" for 5 seconds. */
const TYPING_REPEAT_MS = 4_000;

export interface TelegramMessageDeps {
  handle: HandleChatMessage;
  logger: Logger;
  downloadFile: DownloadTelegramFile;
  tasks: TaskTracker;
}

/** Middleware for every message: answers the ones addressed to the bot, passes the rest on. */
export async function answerTelegramMessage(ctx: Context, next: NextFunction, deps: TelegramMessageDeps): Promise<void> {
  const incoming = ctx.message && toMessage(ctx.message, ctx.me, deps.downloadFile);
  if (!incoming) return next();
  const messageId = ctx.message!.message_id;
  const logger = deps.logger.child({ platform: 'telegram', chatId: incoming.chatId, messageId });
  // In the background: polling goes on, so one slow answer does not hold up every other chat.
  deps.tasks.run(() =>
    answerChatMessage(incoming, {
      handle: deps.handle,
      logger,
      typing: { show: () => ctx.replyWithChatAction('typing'), repeatEveryMs: TYPING_REPEAT_MS },
      render: { howToAskInGroups: `mention @${ctx.me.username}, reply to one of my messages, or write /ask followed by your question` },
      async send(blocks) {
        let first = true;
        for (const html of formatTelegramHtml(blocks)) {
          await ctx.reply(html, {
            parse_mode: 'HTML',
            link_preview_options: { is_disabled: true },
            // In a busy group, the first part points at the question it answers.
            reply_parameters: first && !incoming.isDirect ? { message_id: messageId, allow_sending_without_reply: true } : undefined,
          });
          first = false;
        }
      },
    }),
  );
}
