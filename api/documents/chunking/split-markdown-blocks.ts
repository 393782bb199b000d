/** A unit of Markdown that must not be cut in the middle unless it alone is too big. */
export interface MarkdownBlock {
  kind: 'paragraph' | 'list' | 'table' | 'code' | 'heading';
  text: string;
}

const TABLE_LINE = /^\s*\|/;
const LIST_ITEM = /^\s*(?:[-*+•]|\d{1,3}[.)])\s+/;
const FENCE = /^\s*(```|~~~)/;
const HEADING = /^#{1,6}\s/;

/** Splits a section body into paragraphs, whole lists, whole tables, code blocks and headings. */
export function splitMarkdownBlocks(markdown: string): MarkdownBlock[] {
  const lines = markdown.replace(/\r\n?/g, '\n').split('\n');
  const blocks: MarkdownBlock[] = [];
  let current: { kind: MarkdownBlock['kind']; lines: string[] } | null = null;
  const flush = () => {
    if (current && current.lines.join('').trim()) blocks.push({ kind: current.kind, text: current.lines.join('\n').trim() });
    current = null;
  };
  let inFence = false;
  for (const line of lines) {
    if (inFence) {
      current!.lines.push(line);
      if (FENCE.test(line)) {
        inFence = false;
        flush();
      }
      continue;
    }
    if (FENCE.test(line)) {
      flush();
      current = { kind: 'code', lines: [line] };
      inFence = true;
      continue;
    }
    if (!line.trim()) {
      // A blank line ends a paragraph; lists and tables may have loose items, so they continue.
      if (current?.kind === 'paragraph' || current?.kind === 'table') flush();
      continue;
    }
    const kind = classifyLine(line, current?.kind);
    if (kind === 'heading') {
      flush();
      blocks.push({ kind: 'heading', text: line.trim() });
      continue;
    }
    if (!current || current.kind !== kind) {
      flush();
      current = { kind, lines: [] };
    }
    current.lines.push(line);
  }
  flush();
  return blocks;
}

function classifyLine(line: string, previous: MarkdownBlock['kind'] | undefined): MarkdownBlock['kind'] {
  if (HEADING.test(line)) return 'heading';
  if (TABLE_LINE.test(line)) return 'table';
  if (LIST_ITEM.test(line)) return 'list';
  // An indented line under a list item is that item's continuation.
  if (previous === 'list' && /^\s{2,}\S/.test(line)) return 'list';
  return 'paragraph';
}
