import { escapeHtml } from '../shared/escape-html.ts';
import { joinBlocks, packBlocks } from '../shared/pack-blocks.ts';
import { BlockStyle, type ReplyBlock } from '../shared/render-reply.ts';

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
    body: joinBlocks(group, (block) => block.text),
    formatted_body: group.map(formatBlock).join(''),
  }));
}

function formatBlock(block: ReplyBlock): string {
  const text = escapeHtml(block.text).replaceAll('\n', '<br>');
  switch (block.style) {
    case BlockStyle.note:
      return `<p><em>${text}</em></p>`;
    case BlockStyle.heading:
      return `<p><strong>${text}</strong></p>`;
    default:
      return `<p>${text}</p>`;
  }
}
