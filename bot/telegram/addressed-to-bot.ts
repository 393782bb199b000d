import type { Message, MessageEntity } from 'grammy/types';
import { chatCommands, type ChatCommand } from '#api/chat/chat-message.ts';

export interface TelegramBotIdentity {
  id: number;
  username: string;
}

/** Commands this bot answers; any other command belongs to someone else. */
const OUR_COMMANDS = chatCommands;
export type OurCommand = ChatCommand;

/**
 * The command the message starts with: one of ours, 'not-ours' (another bot's command, or one we do
 * not know), or null when the message is not a command.
 */
export function findCommand(text: string, entities: MessageEntity[], bot: TelegramBotIdentity): OurCommand | 'not-ours' | null {
  const entity = entities.find((e) => e.type === 'bot_command' && e.offset === 0);
  if (!entity) return null;
  const [name = '', target] = text.slice(1, entity.length).toLowerCase().split('@');
  if (target !== undefined && target !== bot.username.toLowerCase()) return 'not-ours';
  return (OUR_COMMANDS as readonly string[]).includes(name) ? (name as OurCommand) : 'not-ours';
}

/** In a group, the bot answers a message that mentions it or replies to one of its messages. */
export function isAddressedToBot(message: Message, text: string, entities: MessageEntity[], bot: TelegramBotIdentity): boolean {
  if (message.reply_to_message?.from?.id === bot.id) return true;
  return entities.some((entity) => isMentionOfBot(entity, text, bot));
}

/** The question without "/ask", "/ask@bot" or "@bot", and without the comma people put after a name. */
export function removeBotAddress(text: string, entities: MessageEntity[], bot: TelegramBotIdentity): string {
  const ranges = entities
    .filter((entity) => isMentionOfBot(entity, text, bot) || (entity.type === 'bot_command' && entity.offset === 0))
    .sort((a, b) => b.offset - a.offset);
  let cleaned = text;
  // From the end, so earlier offsets stay valid (offsets are UTF-16 units, like JS strings).
  for (const { offset, length } of ranges) cleaned = cleaned.slice(0, offset) + cleaned.slice(offset + length).replace(/^[,:]/, '');
  return cleaned.replace(/[ \t]{2,}/g, ' ').trim();
}

function isMentionOfBot(entity: MessageEntity, text: string, bot: TelegramBotIdentity): boolean {
  if (entity.type === 'text_mention') return entity.user.id === bot.id;
  if (entity.type !== 'mention') return false;
  return text.slice(entity.offset, entity.offset + entity.length).toLowerCase() === `@${bot.username.toLowerCase()}`;
}
