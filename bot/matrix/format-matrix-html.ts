import { escapeHtml } from '../shared/escape-html.ts';
import { joinBlocks, packBlocks } from '../shared/pack-blocks.ts';
import { BlockStyle, type ReplyBlock } from '../shared/reply-block.ts';
import { parseTableRows, tableAsText } from '../shared/table-text.ts';

/**
 * Events may be 64 KiB in total; body and formatted_body both count, and the plain body is never
 * longer than the HTML. Measured in UTF-8 bytes, so scripts with multi-byte letters fit too.
 */
export const MATRIX_HTML_BYTE_LIMIT = 24_000;

export interface MatrixTextContent {
  body: string;
  formatted_body: string;
}

/** Use for every Matrix reply: plain `body` for any client, `formatted_body` HTML for the ones that render it. */
export function formatMatrixMessages(blocks: ReplyBlock[]): MatrixTextContent[] {
  return packBlocks(blocks, MATRIX_HTML_BYTE_LIMIT, (block) => Buffer.byteLength(formatBlock(block))).map((group) => ({
    body: joinBlocks(group, plainText),
    formatted_body: group.map(formatBlock).join(''),
  }));
}

function plainText(block: ReplyBlock): string {
  if (block.style === BlockStyle.quote) return block.text.split('\n').map((line) => `> ${line}`).join('\n');
  if (block.style === BlockStyle.table) return tableAsText(block.text).text;
  return block.text;
}

function formatBlock(block: ReplyBlock): string {
  const text = escapeHtml(block.text).replaceAll('\n', '<br>');
  switch (block.style) {
    case BlockStyle.note:
      return `<p><em>${text}</em></p>`;
    case BlockStyle.heading:
    case BlockStyle.label:
      return `<p><strong>${text}</strong></p>`;
    case BlockStyle.quote:
      return `<blockquote>${text}</blockquote>`;
    case BlockStyle.table:
      return htmlTable(block.text);
    default:
      return `<p>${text}</p>`;
  }
}

function htmlTable(text: string): string {
  const [header = [], ...rows] = parseTableRows(text);
  const cells = (row: string[], tag: 'th' | 'td') => `<tr>${row.map((cell) => `<${tag}>${escapeHtml(cell)}</${tag}>`).join('')}</tr>`;
  return `<table><thead>${cells(header, 'th')}</thead><tbody>${rows.map((row) => cells(row, 'td')).join('')}</tbody></table>`;
}
