import { PermissionFlagsBits, type Message } from 'discord.js';
import type { Logger } from '#api/logging/create-logger.ts';
import { answerChatMessage } from '../shared/answer-chat-message.ts';
import type { HandleChatMessage } from '../shared/chat-adapter.ts';
import type { SendQueue } from '../shared/send-queue.ts';
import type { TaskTracker } from '../shared/track-tasks.ts';
import { feedbackButtons } from './feedback-buttons.ts';
import { formatDiscordMarkdown } from './format-discord-markdown.ts';
import { toMessage, type DownloadDiscordAttachment } from './to-message.ts';

/** Discord shows "typing…" for 10 seconds. */
const TYPING_REPEAT_MS = 8_000;
/** Nobody gets pinged by text the bot repeats from documents or questions (@everyone, roles, users). */
const NO_PINGS = { parse: [], repliedUser: false } as const;
const UNSUPPORTED_TEXT = 'I can read text messages and attached files. Ask me a question, or write "help".';

export interface DiscordMessageDeps {
  botUserId: string;
  handle: HandleChatMessage;
  logger: Logger;
  download: DownloadDiscordAttachment;
  tasks: TaskTracker;
  queue: SendQueue;
  /** Show 👍/👎 under answers (when votes can be recorded). */
  feedback: boolean;
}

/** Listener for every message the gateway delivers: answers those addressed to the bot. */
export function answerDiscordMessage(message: Message, deps: DiscordMessageDeps): void {
  const incoming = toMessage(message, deps.botUserId, deps.download);
  const channel = message.channel;
  if (!channel.isSendable()) return;
  if (!incoming) {
    // Catch-all: a direct message the bot cannot read (a sticker, a poll) gets a hint, not silence.
    if (message.guildId === null && !message.author.bot && !message.system) {
      deps.tasks.run(() => channel.send({ content: UNSUPPORTED_TEXT, allowedMentions: NO_PINGS }).catch(() => {}));
    }
    return;
  }
  const logger = deps.logger.child({ platform: 'discord', chatId: incoming.chatId, messageId: message.id });
  const withAdminCheck = { ...incoming, isChatAdmin: async () => message.member?.permissions.has(PermissionFlagsBits.ManageGuild) ?? false };
  deps.tasks.run(() =>
    answerChatMessage(withAdminCheck, {
      handle: deps.handle,
      logger,
      typing: { show: () => channel.sendTyping(), repeatEveryMs: TYPING_REPEAT_MS },
      render: { howToAskInGroups: `use /ask, mention me (@${message.client.user.username}) in your message, or reply to one of my messages`, commandPrefix: '/' },
      async send(blocks, extras) {
        const messages = formatDiscordMarkdown(blocks);
        for (const [index, content] of messages.entries()) {
          const components = index === messages.length - 1 && deps.feedback && extras.feedbackFor ? [feedbackButtons(extras.feedbackFor)] : [];
          // In a server channel the first part replies to the question, so it is clear what it answers.
          await deps.queue.run(incoming.chatId, !incoming.isDirect, async () => {
            if (index === 0 && !incoming.isDirect) await message.reply({ content, allowedMentions: NO_PINGS, components });
            else await channel.send({ content, allowedMentions: NO_PINGS, components });
          });
        }
      },
    }),
  );
}
