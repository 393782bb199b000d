import type { DocumentSection } from '../extraction/extracted-document.ts';
import { ChunkSize } from './chunk-sizes.ts';
import { splitMarkdownBlocks } from './split-markdown-blocks.ts';
import { splitOversizedBlock } from './split-oversized-block.ts';

/** A retrievable passage: Markdown under one heading path, with the pages it spans and its order. */
export interface DocumentChunk {
  position: number;
  text: string;
  sectionPath: string[];
  pageStart: number | null;
  pageEnd: number | null;
}

export interface ChunkSizeOptions {
  targetChars: number;
  maxChars: number;
  minChars: number;
}

/** A paragraph that introduces a list: "The following should be included in your kit:". */
const LIST_LEAD_IN = /:\s*$/;
const MAX_LEAD_IN_CHARS = 200;

interface Piece {
  path: string[];
  /** Heading line to show when this piece starts a section that is not the chunk's own. */
  headingLine: string | null;
  text: string;
  pageStart: number | null;
  pageEnd: number | null;
}

/**
 * Use when indexing a document: turns its extracted sections into chunks that follow the heading
 * structure, keep tables and lists whole when they fit, and pack tiny sections together.
 */
export function chunkSections(sections: DocumentSection[], sizes: ChunkSizeOptions = ChunkSize): DocumentChunk[] {
  const pieces = sections.flatMap((section) => sectionPieces(section, sizes.maxChars));
  const groups: Piece[][] = [];
  let current: Piece[] = [];
  let length = 0;
  for (const piece of pieces) {
    const size = piece.text.length + (piece.headingLine?.length ?? 0) + 2;
    const combined = length + size;
    // Sections stay apart (sharper matches, exact citations) unless one side is too small to stand alone.
    const sameSection = current.length > 0 && samePath(current.at(-1)!.path, piece.path);
    const small = length < sizes.minChars || size < sizes.minChars;
    const fits = ((sameSection || small) && combined <= sizes.targetChars) || (length < sizes.minChars && combined <= sizes.maxChars);
    if (current.length > 0 && !fits) {
      groups.push(current);
      current = [];
      length = 0;
    }
    current.push(piece);
    length += piece.text.length + (piece.headingLine?.length ?? 0) + 2;
  }
  if (current.length > 0) groups.push(current);
  return groups
    .map(toChunk)
    .filter((chunk) => chunk.text.trim().length > 0)
    .map((chunk, position) => ({ ...chunk, position }));
}

function sectionPieces(section: DocumentSection, maxChars: number): Piece[] {
  const headingLine = section.level > 0 && section.heading ? `${'#'.repeat(Math.min(section.level, 6))} ${section.heading}` : null;
  const texts: string[] = [];
  let pendingHeading = '';
  // The section's own heading travels as the chunk's section path; only titles inside the body are repeated.
  let listTitle = '';
  for (const block of splitMarkdownBlocks(section.markdown)) {
    // A heading inside the body belongs with the block after it, never alone at the end of a chunk.
    if (block.kind === 'heading') {
      pendingHeading += `${block.text}\n`;
      listTitle = block.text;
      continue;
    }
    // Every piece of a long list repeats what the list is ("First aid kit:", "## Medicine kit"), so
    // its items are found, and read, as what they are even far from the list's first line.
    const title = block.kind === 'list' ? listTitle : '';
    const parts = splitOversizedBlock(block, maxChars - pendingHeading.length - title.length - 1);
    parts[0] = pendingHeading + parts[0];
    for (let i = 1; i < parts.length; i++) if (title) parts[i] = `${title}\n${parts[i]}`;
    pendingHeading = '';
    texts.push(...parts);
    if (block.kind === 'paragraph') listTitle = LIST_LEAD_IN.test(block.text) && block.text.length <= MAX_LEAD_IN_CHARS ? block.text : '';
  }
  if (pendingHeading.trim()) texts.push(pendingHeading.trim());
  if (texts.length === 0 && headingLine) texts.push(''); // a bare heading still marks where its section is
  return texts.map((text, index) => ({
    path: section.path,
    headingLine: index === 0 ? headingLine : null,
    text,
    pageStart: section.pageStart,
    pageEnd: section.pageEnd,
  }));
}

function toChunk(group: Piece[]): DocumentChunk {
  const sectionPath = commonPrefix(group.map((p) => p.path));
  const text = group
    .map((piece) => {
      // Headings of merged sub-sections stay in the text so a reader sees where each part comes from.
      const showHeading = piece.headingLine && piece.path.length > sectionPath.length;
      return showHeading ? `${piece.headingLine}\n${piece.text}`.trim() : piece.text;
    })
    .filter((t) => t.length > 0)
    .join('\n\n');
  const pages = group.flatMap((p) => [p.pageStart, p.pageEnd]).filter((p): p is number => p !== null);
  return {
    position: 0,
    text,
    sectionPath,
    pageStart: pages.length > 0 ? Math.min(...pages) : null,
    pageEnd: pages.length > 0 ? Math.max(...pages) : null,
  };
}

function samePath(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((part, i) => part === b[i]);
}

function commonPrefix(paths: string[][]): string[] {
  const first = paths[0] ?? [];
  let size = first.length;
  for (const path of paths) {
    let same = 0;
    while (same < size && path[same] === first[same]) same++;
    size = same;
  }
  return first.slice(0, size);
}
