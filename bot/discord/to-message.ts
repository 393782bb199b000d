import type { IncomingChatMessage } from '#api/chat/chat-message.ts';
import { readCommand } from '#api/chat/read-command.ts';

/**
 * The parts of a discord.js Message the mapper reads. A real Message fits this shape; tests pass plain
 * objects (a Map works for `attachments` and `mentions.users`).
 */
export interface DiscordMessageLike {
  content: string;
  channelId: string;
  /** null in direct messages. */
  guildId: string | null;
  guild?: { name: string } | null;
  channel: { id: string; name?: string | null };
  /** Join notices, pins and other messages Discord writes itself. */
  system: boolean;
  author: { id: string; bot: boolean; username: string; globalName: string | null };
  member?: { displayName: string } | null;
  mentions: {
    users: { has(id: string): boolean };
    /** Picking the bot from the mention list often inserts its integration role instead of the bot user. */
    roles: { values(): Iterable<{ id: string; tags: { botId?: string } | null }> };
    repliedUser: { id: string } | null;
  };
  attachments: { values(): Iterable<{ name: string; size: number; url: string }> };
}

export type DownloadDiscordAttachment = (url: string) => Promise<Uint8Array>;

/**
 * A Discord message as the core's neutral message, or null when the bot should stay quiet: messages
 * from bots (itself included), system messages, empty messages, and server messages that neither
 * mention the bot nor reply to it. Only the first attachment is taken (the core handles one per message).
 */
export function toMessage(message: DiscordMessageLike, botUserId: string, download: DownloadDiscordAttachment): IncomingChatMessage | null {
  if (message.author.bot || message.system) return null;
  const isDirect = message.guildId === null;
  const botRoleIds = [...message.mentions.roles.values()].filter((role) => role.tags?.botId === botUserId).map((role) => role.id);
  const addressed = message.mentions.users.has(botUserId) || botRoleIds.length > 0 || message.mentions.repliedUser?.id === botUserId;
  if (!isDirect && !addressed) return null;
  const [file] = message.attachments.values();
  // Stickers, polls and embeds arrive with no text; a bare mention is kept (the core answers with help).
  if (message.content.trim() === '' && !file) return null;
  const text = removeBotMentions(message.content, [`@${botUserId}`, `@!${botUserId}`, ...botRoleIds.map((id) => `@&${id}`)]);
  // "@hub /sources 2" or "!status" in a message works like the slash command.
  const command = file ? null : readCommand(text);
  return {
    platform: 'discord',
    chatId: message.channelId,
    chatTitle: isDirect ? undefined : titleOf(message),
    isDirect,
    sender: { id: message.author.id, displayName: message.member?.displayName ?? message.author.globalName ?? message.author.username },
    text: command ? command.args : text,
    ...(command && command.command !== 'ask' ? { command: command.command } : {}),
    attachment: file && { filename: file.name, sizeBytes: file.size, download: () => download(file.url) },
  };
}

/** "Riverside #general": the server and channel, as people name them. */
function titleOf(message: DiscordMessageLike): string | undefined {
  const parts = [message.guild?.name, message.channel.name ? `#${message.channel.name}` : undefined].filter(Boolean);
  return parts.length > 0 ? parts.join(' ') : undefined;
}

/** Mentions arrive as `<@id>`, `<@!id>` (older clients) or `<@&roleId>` anywhere in the text. */
function removeBotMentions(content: string, mentions: string[]): string {
  let text = content;
  for (const mention of mentions) text = text.replaceAll(new RegExp(`<${mention}>[,:]?`, 'g'), '');
  return text.replace(/[ \t]{2,}/g, ' ').trim();
}
