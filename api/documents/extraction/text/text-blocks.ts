import { findCsvDelimiter } from '../../intake/sniff-text-format.ts';
import type { DocumentBlock } from '../structure/document-block.ts';
import { stripListMarker } from '../layout/group-blocks.ts';
import { parseCsv } from './parse-csv.ts';

/** Short lines in capitals or ending without punctuation, set apart by blank lines, read as headings. */
const MAX_PLAIN_HEADING_LENGTH = 80;

function isPlainHeading(paragraph: string, next: string | undefined): boolean {
  if (paragraph.includes('\n') || paragraph.length > MAX_PLAIN_HEADING_LENGTH || !/\p{L}/u.test(paragraph)) return false;
  const shouting = paragraph === paragraph.toUpperCase() && /\p{Lu}{3}/u.test(paragraph);
  const titleLike = !/[.,;:!?]$/.test(paragraph) && next !== undefined && next.length > paragraph.length * 2;
  return shouting || (titleLike && /^\p{Lu}|^\d/u.test(paragraph));
}

/**
 * Plain text: paragraphs at blank lines, bullet lines as list items, and short title-like lines
 * followed by longer text as headings (level 1 when in capitals, else 2).
 */
export function plainTextBlocks(text: string): DocumentBlock[] {
  const paragraphs = text.replace(/\r\n?/g, '\n').split(/\n\s*\n/).map((part) => part.trim()).filter(Boolean);
  const blocks: DocumentBlock[] = [];
  paragraphs.forEach((paragraph, index) => {
    const lines = paragraph.split('\n');
    if (lines.every((line) => stripListMarker(line))) {
      for (const line of lines) {
        const item = stripListMarker(line)!;
        blocks.push({ type: 'listItem', text: item.text.trim(), depth: 0, ordered: item.ordered, page: null });
      }
    } else if (isPlainHeading(paragraph, paragraphs[index + 1])) {
      const level = paragraph === paragraph.toUpperCase() ? 1 : 2;
      blocks.push({ type: 'heading', level, text: paragraph, page: null });
    } else {
      blocks.push({ type: 'paragraph', text: lines.map((line) => line.trim()).join(' '), page: null });
    }
  });
  return blocks;
}

/** CSV as one pipe table (the first row is the header). */
export function csvBlocks(text: string): DocumentBlock[] {
  const delimiter = findCsvDelimiter(text.slice(0, 64 * 1024)) ?? ',';
  const rows = parseCsv(text, delimiter);
  return rows.length === 0 ? [] : [{ type: 'table', rows, page: null }];
}

const FENCE = /^(```|~~~)/;
const ATX_HEADING = /^(#{1,6})\s+(.+?)\s*#*\s*$/;

/**
 * Markdown is kept as written; only ATX headings (outside code fences) are lifted out so that
 * sections and heading paths can be built.
 */
export function markdownBlocks(text: string): DocumentBlock[] {
  const blocks: DocumentBlock[] = [];
  let body: string[] = [];
  let inFence = false;
  const flush = () => {
    const chunk = body.join('\n').trim();
    if (chunk) blocks.push({ type: 'markdown', text: chunk, page: null });
    body = [];
  };
  for (const line of text.replace(/\r\n?/g, '\n').split('\n')) {
    if (FENCE.test(line.trim())) inFence = !inFence;
    const heading = inFence ? null : ATX_HEADING.exec(line);
    if (heading) {
      flush();
      blocks.push({ type: 'heading', level: heading[1]!.length, text: heading[2]!, page: null });
    } else {
      body.push(line);
    }
  }
  flush();
  return blocks;
}
