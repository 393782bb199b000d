import { PARAGRAPH_OVERLAP_SENTENCES } from './chunk-sizes.ts';
import type { MarkdownBlock } from './split-markdown-blocks.ts';

const TABLE_SEPARATOR = /^\s*\|?\s*:?-{2,}/;
const LIST_ITEM = /^\s*(?:[-*+•]|\d{1,3}[.)])\s+/;
const SENTENCE_END = /(?<=[.!?])\s+(?=[A-Z0-9"“(])/;

/**
 * Cuts a block longer than `maxChars` into readable pieces: tables by rows with their header repeated,
 * lists between items, paragraphs between sentences (with one sentence of overlap), code by lines.
 */
export function splitOversizedBlock(block: MarkdownBlock, maxChars: number): string[] {
  if (block.text.length <= maxChars) return [block.text];
  switch (block.kind) {
    case 'table':
      return splitTable(block.text, maxChars);
    case 'list':
      return packUnits(listItems(block.text), maxChars, '\n', 0);
    case 'paragraph':
      return packUnits(block.text.split(SENTENCE_END), maxChars, ' ', PARAGRAPH_OVERLAP_SENTENCES);
    default:
      return packUnits(block.text.split('\n'), maxChars, '\n', 0);
  }
}

function splitTable(text: string, maxChars: number): string[] {
  const lines = text.split('\n');
  const headerSize = lines.length > 1 && TABLE_SEPARATOR.test(lines[1]!) ? 2 : 0;
  const header = lines.slice(0, headerSize).join('\n');
  // Every piece repeats the header so a row is never separated from the names of its columns.
  const room = Math.max(maxChars - header.length - 1, Math.floor(maxChars / 2));
  return packUnits(lines.slice(headerSize), room, '\n', 0).map((rows) => (header ? `${header}\n${rows}` : rows));
}

function listItems(text: string): string[] {
  const items: string[] = [];
  for (const line of text.split('\n')) {
    if (LIST_ITEM.test(line) || items.length === 0) items.push(line);
    else items[items.length - 1] += `\n${line}`;
  }
  return items;
}

/** Greedily joins units up to `maxChars`; a unit that alone is too long is cut between words. */
export function packUnits(units: string[], maxChars: number, joiner: string, overlap: number): string[] {
  const pieces: string[] = [];
  let current: string[] = [];
  let length = 0;
  for (const unit of units.flatMap((u) => cutBetweenWords(u, maxChars))) {
    if (current.length > 0 && length + joiner.length + unit.length > maxChars) {
      pieces.push(current.join(joiner));
      current = overlap > 0 ? current.slice(-overlap).filter((u) => u.length < maxChars / 3) : [];
      length = current.join(joiner).length;
    }
    current.push(unit);
    length += (current.length > 1 ? joiner.length : 0) + unit.length;
  }
  if (current.length > 0) pieces.push(current.join(joiner));
  return pieces;
}

function cutBetweenWords(text: string, maxChars: number): string[] {
  if (text.length <= maxChars) return [text];
  const parts: string[] = [];
  let rest = text;
  while (rest.length > maxChars) {
    const space = rest.lastIndexOf(' ', maxChars);
    const cut = space > maxChars / 2 ? space : maxChars;
    parts.push(rest.slice(0, cut).trim());
    rest = rest.slice(cut).trim();
  }
  if (rest) parts.push(rest);
  return parts;
}
