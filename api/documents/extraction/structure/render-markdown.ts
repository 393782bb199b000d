import type { DocumentBlock } from './document-block.ts';
import { MAX_HEADING_LEVEL } from './document-block.ts';

const LIST_INDENT = '    ';

/** Escapes the characters that would turn plain text into Markdown syntax at the start of a line. */
export function escapeLineStart(text: string): string {
  return text.replace(/^(\s*)([#>]|[-*+](?=\s)|\d+[.)](?=\s))/, '$1\\$2');
}

/** A GitHub pipe table; the first row is the header, short rows are padded, pipes are escaped. */
export function renderPipeTable(rows: string[][]): string {
  const width = Math.max(1, ...rows.map((row) => row.length));
  const cell = (value: string | undefined) => (value ?? '').replace(/\s+/g, ' ').replaceAll('|', '\\|').trim();
  const line = (row: string[]) => `| ${Array.from({ length: width }, (_, index) => cell(row[index])).join(' | ')} |`;
  const [header = [], ...body] = rows;
  return [line(header), `| ${Array.from({ length: width }, () => '---').join(' | ')} |`, ...body.map(line)].join('\n');
}

function renderBlock(block: DocumentBlock, number: number): string {
  switch (block.type) {
    case 'heading':
      return `${'#'.repeat(Math.min(MAX_HEADING_LEVEL, Math.max(1, block.level)))} ${block.text.replace(/\s+/g, ' ').trim()}`;
    case 'paragraph':
      return escapeLineStart(block.text);
    case 'listItem':
      return `${LIST_INDENT.repeat(block.depth)}${block.ordered ? `${number}.` : '-'} ${block.text.replace(/\s*\n\s*/g, ' ')}`;
    case 'table':
      return renderPipeTable(block.rows);
    case 'code':
      return `\`\`\`\n${block.text.replace(/```/g, '` ` `')}\n\`\`\``;
    case 'markdown':
      return block.text;
  }
}

/** The number of an ordered item: one more than the previous item at its depth in the same run of items. */
function nextItemNumber(counters: number[], block: DocumentBlock, previous: DocumentBlock | undefined): number {
  if (block.type !== 'listItem') {
    counters.length = 0;
    return 0;
  }
  if (previous?.type !== 'listItem') counters.length = 0;
  counters.length = block.depth + 1;
  counters[block.depth] = (counters[block.depth] ?? 0) + 1;
  return counters[block.depth]!;
}

/**
 * Joins blocks into Markdown: consecutive list items stay together (ordered ones numbered per depth),
 * other blocks are separated by a blank line.
 */
export function renderMarkdown(blocks: readonly DocumentBlock[]): string {
  let markdown = '';
  let previous: DocumentBlock | undefined;
  const counters: number[] = [];
  for (const block of blocks) {
    const rendered = renderBlock(block, nextItemNumber(counters, block, previous));
    if (rendered.trim() === '') continue;
    const separator = previous === undefined ? '' : previous.type === 'listItem' && block.type === 'listItem' ? '\n' : '\n\n';
    markdown += separator + rendered;
    previous = block;
  }
  return markdown ? `${markdown}\n` : '';
}
