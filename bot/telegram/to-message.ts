import type { Message } from 'grammy/types';
import type { ChatAttachment, IncomingChatMessage } from '#api/chat/chat-message.ts';
import { findCommand, isAddressedToBot, removeBotAddress, type TelegramBotIdentity } from './addressed-to-bot.ts';

export type { TelegramBotIdentity } from './addressed-to-bot.ts';
export type DownloadTelegramFile = (fileId: string) => Promise<Uint8Array>;

/**
 * A Telegram message as the core's neutral message, or null when the bot should stay quiet: messages
 * from bots (no bot-to-bot loops), nothing readable (stickers, voice, service messages), commands for
 * other bots, and group messages that neither mention the bot, reply to it nor use /ask.
 */
export function toMessage(message: Message, bot: TelegramBotIdentity, downloadFile: DownloadTelegramFile): IncomingChatMessage | null {
  const sender = senderOf(message);
  if (!sender) return null;
  const text = message.text ?? message.caption ?? '';
  const entities = message.entities ?? message.caption_entities ?? [];
  const attachment = attachmentOf(message, downloadFile);
  if (text.trim() === '' && !attachment) return null;
  const isDirect = message.chat.type === 'private';
  const command = findCommand(text, entities, bot);
  if (command === 'not-ours') return null;
  if (!isDirect && !command && !isAddressedToBot(message, text, entities, bot)) return null;
  return {
    platform: 'telegram',
    chatId: String(message.chat.id),
    chatTitle: 'title' in message.chat ? message.chat.title : undefined,
    isDirect,
    sender,
    // The text without the command and the bot's name: a question for /ask, the arguments for /sources 2.
    text: removeBotAddress(text, entities, bot),
    ...(command && command !== 'ask' ? { command } : {}),
    attachment,
  };
}

function senderOf(message: Message): IncomingChatMessage['sender'] | null {
  // An anonymous group admin posts "as the group": Telegram shows a helper bot as sender.
  if (message.sender_chat && message.sender_chat.id === message.chat.id) {
    return { id: String(message.sender_chat.id), displayName: 'title' in message.sender_chat ? message.sender_chat.title : undefined };
  }
  if (!message.from || message.from.is_bot) return null;
  const name = [message.from.first_name, message.from.last_name].filter(Boolean).join(' ') || message.from.username;
  return { id: String(message.from.id), displayName: name };
}

function attachmentOf(message: Message, downloadFile: DownloadTelegramFile): ChatAttachment | undefined {
  const document = message.document;
  if (document) {
    return {
      filename: document.file_name ?? `document-${document.file_unique_id}`,
      sizeBytes: document.file_size,
      download: () => downloadFile(document.file_id),
    };
  }
  // Telegram lists the sizes of a photo smallest first; the largest reads best.
  const photo = message.photo?.at(-1);
  if (photo) {
    return { filename: `photo-${photo.file_unique_id}.jpg`, sizeBytes: photo.file_size, download: () => downloadFile(photo.file_id) };
  }
  return undefined;
}
