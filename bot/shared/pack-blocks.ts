import { BlockStyle, keepsWithNext, type ReplyBlock } from './reply-block.ts';
import { splitText } from './split-text.ts';

/** Room for what joins two blocks ("\n\n"); see blockSeparator. */
const SEPARATOR_ALLOWANCE = 2;
/** Each retry cuts a too-long block into pieces this much smaller. */
const SHRINK_FACTOR = 0.8;

/** What goes between two formatted blocks: a heading or a source label sits right on top of what it introduces. */
export function blockSeparator(previous: ReplyBlock): string {
  return keepsWithNext(previous) ? '\n' : '\n\n';
}

/**
 * Use to fit a reply into a platform's length limit: groups blocks into messages whose formatted size
 * (`measure`, e.g. the length after escaping and markup) stays within `limit`. A block too long on its
 * own is cut into pieces of the same style (each piece formats as a whole quote or table), at lines
 * before words, so a citation line is never cut; a heading or a source label never ends a message.
 */
export function packBlocks(blocks: ReplyBlock[], limit: number, measure: (block: ReplyBlock) => number): ReplyBlock[][] {
  const messages: ReplyBlock[][] = [];
  let current: ReplyBlock[] = [];
  let size = 0;
  for (const piece of blocks.flatMap((block) => fitBlock(block, limit, measure))) {
    const pieceSize = measure(piece);
    if (current.length > 0 && size + SEPARATOR_ALLOWANCE + pieceSize > limit) {
      // Carry introducing blocks over, so "Sources" or "[1] Guide" opens the next message with its content.
      const carried: ReplyBlock[] = [];
      while (current.length > 1 && keepsWithNext(current.at(-1)!)) carried.unshift(current.pop()!);
      messages.push(current);
      current = carried;
      size = carried.reduce((sum, block, index) => sum + measure(block) + (index > 0 ? SEPARATOR_ALLOWANCE : 0), 0);
      if (current.length > 0 && size + SEPARATOR_ALLOWANCE + pieceSize > limit) {
        messages.push(current);
        current = [];
        size = 0;
      }
    }
    size += (current.length > 0 ? SEPARATOR_ALLOWANCE : 0) + pieceSize;
    current.push(piece);
  }
  if (current.length > 0) messages.push(current);
  return messages;
}

/** Joins formatted blocks of one message. */
export function joinBlocks(blocks: ReplyBlock[], format: (block: ReplyBlock) => string): string {
  return blocks.map((block, index) => (index > 0 ? blockSeparator(blocks[index - 1]!) : '') + format(block)).join('');
}

/** Packs and joins in one go, for platforms where a message is one formatted string. */
export function layoutMessages(blocks: ReplyBlock[], limit: number, format: (block: ReplyBlock) => string): string[] {
  return packBlocks(blocks, limit, (block) => format(block).length).map((group) => joinBlocks(group, format));
}

function fitBlock(block: ReplyBlock, limit: number, measure: (block: ReplyBlock) => number): ReplyBlock[] {
  if (measure(block) <= limit) return [block];
  // A table is cut between rows, each piece repeating the header row so it still reads as a table.
  if (block.style === BlockStyle.table) return fitTable(block, limit, measure);
  // Escaping and markup grow text unevenly, so shrink the plain-text budget until every piece fits.
  let budget = Math.min(block.text.length, limit);
  for (;;) {
    const pieces = splitText(block.text, budget).map((text) => ({ style: block.style, text }));
    if (budget <= 2 || pieces.every((piece) => measure(piece) <= limit)) return pieces;
    budget = Math.max(2, Math.floor(budget * SHRINK_FACTOR));
  }
}

function fitTable(block: ReplyBlock, limit: number, measure: (block: ReplyBlock) => number): ReplyBlock[] {
  const [header = '', ...rows] = block.text.split('\n');
  const pieces: ReplyBlock[] = [];
  let lines: string[] = [];
  for (const row of rows) {
    const candidate = { style: block.style, text: [header, ...lines, row].join('\n') };
    if (lines.length > 0 && measure(candidate) > limit) {
      pieces.push({ style: block.style, text: [header, ...lines].join('\n') });
      lines = [];
    }
    lines.push(row);
  }
  pieces.push({ style: block.style, text: [header, ...lines].join('\n') });
  // A single row too wide for a message is shown as text cut at words.
  return pieces.flatMap((piece) => (measure(piece) <= limit ? [piece] : fitBlock({ style: BlockStyle.text, text: piece.text }, limit, measure)));
}
