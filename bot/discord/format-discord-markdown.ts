import { escapeMarkdown } from 'discord.js';
import { layoutMessages } from '../shared/pack-blocks.ts';
import { BlockStyle, type ReplyBlock } from '../shared/render-reply.ts';

/** Discord refuses message content longer than this. */
export const DISCORD_MESSAGE_LIMIT = 2000;

/** Use for every Discord reply: Markdown messages of at most 2000 characters, the core's text shown literally. */
export function formatDiscordMarkdown(blocks: ReplyBlock[]): string[] {
  return layoutMessages(blocks, DISCORD_MESSAGE_LIMIT, formatBlock);
}

function formatBlock(block: ReplyBlock): string {
  // Headings and masked links are escaped too: a document's "# Title" or "[click](url)" stays text.
  const text = escapeMarkdown(block.text, { heading: true, maskedLink: true });
  switch (block.style) {
    case BlockStyle.note:
      return `_${text}_`;
    case BlockStyle.heading:
      return `**${text}**`;
    default:
      return text;
  }
}
