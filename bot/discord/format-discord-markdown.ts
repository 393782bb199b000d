import { escapeMarkdown } from 'discord.js';
import { layoutMessages } from '../shared/pack-blocks.ts';
import { BlockStyle, type ReplyBlock } from '../shared/reply-block.ts';
import { tableAsText } from '../shared/table-text.ts';

/** Discord refuses message content longer than this. */
export const DISCORD_MESSAGE_LIMIT = 2000;

/** Use for every Discord reply: Markdown messages of at most 2000 characters, the core's text shown literally. */
export function formatDiscordMarkdown(blocks: ReplyBlock[]): string[] {
  return layoutMessages(blocks, DISCORD_MESSAGE_LIMIT, formatBlock);
}

/** Headings and masked links are escaped too: a document's "# Title" or "[click](url)" stays text. */
function escape(text: string): string {
  return escapeMarkdown(text, { heading: true, maskedLink: true, bulletedList: true, numberedList: false });
}

function formatBlock(block: ReplyBlock): string {
  switch (block.style) {
    case BlockStyle.note:
      return `_${escape(block.text)}_`;
    case BlockStyle.heading:
    case BlockStyle.label:
      return `**${escape(block.text)}**`;
    case BlockStyle.quote:
      return block.text
        .split('\n')
        .map((line) => `> ${escape(line)}`)
        .join('\n');
    case BlockStyle.table: {
      const table = tableAsText(block.text);
      // Inside a code block nothing is markup; only a closing fence could break out of it.
      return table.monospace ? `\`\`\`\n${table.text.replaceAll('```', "'''")}\n\`\`\`` : escape(table.text);
    }
    default:
      return escape(block.text);
  }
}
