/** A piece of answer text, or a reference `[n]` to citation n. */
export type Segment = { text: string } | { ref: number };

export interface AnswerBlock {
  kind: 'paragraph' | 'quote' | 'list';
  /** One entry per line (list item, quoted line, or line of a paragraph). */
  lines: Segment[][];
}

const REFERENCE = /\[(\d{1,2})\]/g;

/**
 * Splits an answer into paragraphs, quoted lines (`> `, used by the quoted-passages tier) and list
 * items (`- `), with `[n]` turned into references when citation n exists. Nothing is parsed as HTML.
 */
export function toAnswerBlocks(answer: string, citationCount: number): AnswerBlock[] {
  const blocks: AnswerBlock[] = [];
  for (const raw of answer.replace(/\r\n/g, '\n').split('\n')) {
    const line = raw.trimEnd();
    if (!line.trim()) {
      blocks.push({ kind: 'paragraph', lines: [] });
      continue;
    }
    const kind = /^\s*>\s?/.test(line) ? 'quote' : /^\s*[-*•]\s+/.test(line) ? 'list' : 'paragraph';
    const content = line.replace(/^\s*>\s?/, '').replace(/^\s*[-*•]\s+/, '');
    const last = blocks.at(-1);
    const segments = toSegments(content, citationCount);
    if (last && last.kind === kind && (kind !== 'paragraph' || last.lines.length > 0)) last.lines.push(segments);
    else blocks.push({ kind, lines: [segments] });
  }
  return blocks.filter((block) => block.lines.length > 0);
}

export function toSegments(text: string, citationCount: number): Segment[] {
  const segments: Segment[] = [];
  let at = 0;
  for (const match of text.matchAll(REFERENCE)) {
    const n = Number(match[1]);
    if (n < 1 || n > citationCount) continue;
    if (match.index > at) segments.push({ text: text.slice(at, match.index) });
    segments.push({ ref: n });
    at = match.index + match[0].length;
  }
  if (at < text.length) segments.push({ text: text.slice(at) });
  return segments;
}
