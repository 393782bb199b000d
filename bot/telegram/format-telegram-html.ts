import { escapeHtml } from '../shared/escape-html.ts';
import { layoutMessages } from '../shared/pack-blocks.ts';
import { BlockStyle, type ReplyBlock } from '../shared/reply-block.ts';
import { tableAsText } from '../shared/table-text.ts';

/** Telegram refuses longer messages (counted after entity parsing; counting the HTML is on the safe side). */
export const TELEGRAM_MESSAGE_LIMIT = 4096;

/** Use for every Telegram reply: messages in `parse_mode: 'HTML'`, everything from the core escaped. */
export function formatTelegramHtml(blocks: ReplyBlock[]): string[] {
  return layoutMessages(blocks, TELEGRAM_MESSAGE_LIMIT, formatBlock);
}

function formatBlock(block: ReplyBlock): string {
  const text = escapeHtml(block.text);
  switch (block.style) {
    case BlockStyle.note:
      return `<i>${text}</i>`;
    case BlockStyle.heading:
    case BlockStyle.label:
      return `<b>${text}</b>`;
    case BlockStyle.quote:
      return `<blockquote>${text}</blockquote>`;
    case BlockStyle.table: {
      const table = tableAsText(block.text);
      return table.monospace ? `<pre>${escapeHtml(table.text)}</pre>` : escapeHtml(table.text);
    }
    default:
      return text;
  }
}
