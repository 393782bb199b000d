import { BlockStyle, type ReplyBlock } from './reply-block.ts';

const QUOTE_LINE = /^>\s?/;
const TABLE_LINE = /^\|.*\|\s*$/;
/** "[2] Flood guide — Before a flood, p. 3": the line that names a quoted passage's source. */
const SOURCE_LABEL = /^\[\d+\]\s+\S/;

type LineKind = 'quote' | 'table' | 'label' | 'text';

/**
 * Use for the text of an answer: paragraphs as text, `> ` lines as a quote, Markdown table rows as a
 * table (also inside a quote), and the "[n] Source" line above a quote as a label that stays with it,
 * so each platform can render them natively and a split never separates or cuts them.
 */
export function answerBlocks(answer: string): ReplyBlock[] {
  const blocks: ReplyBlock[] = [];
  for (const paragraph of answer.split(/\n\s*\n/)) {
    let current: { kind: LineKind; lines: string[] } | null = null;
    for (const raw of paragraph.split('\n')) {
      const { kind, line } = classify(raw);
      if (kind === 'table' && !line.replace(/[|\s:-]/g, '')) continue; // the |---|---| separator row
      if (current && current.kind === kind && kind !== 'label') current.lines.push(line);
      else {
        if (current) blocks.push(toBlock(current));
        current = { kind, lines: [line] };
      }
    }
    if (current) blocks.push(toBlock(current));
  }
  return blocks.filter((block) => block.text.trim() !== '');
}

function classify(raw: string): { kind: LineKind; line: string } {
  const trimmed = raw.trimEnd();
  if (QUOTE_LINE.test(trimmed)) {
    const inner = trimmed.replace(QUOTE_LINE, '');
    return TABLE_LINE.test(inner.trim()) ? { kind: 'table', line: inner.trim() } : { kind: 'quote', line: inner };
  }
  if (TABLE_LINE.test(trimmed.trim())) return { kind: 'table', line: trimmed.trim() };
  if (SOURCE_LABEL.test(trimmed)) return { kind: 'label', line: trimmed };
  return { kind: 'text', line: trimmed };
}

function toBlock(group: { kind: LineKind; lines: string[] }): ReplyBlock {
  const text = group.lines.join('\n').trim();
  switch (group.kind) {
    case 'quote':
      return { style: BlockStyle.quote, text };
    case 'table':
      return { style: BlockStyle.table, text };
    case 'label':
      return { style: BlockStyle.label, text };
    default:
      return { style: BlockStyle.text, text };
  }
}
