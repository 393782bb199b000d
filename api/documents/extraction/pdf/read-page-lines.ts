import type { PDFPageProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { TextContent, TextItem, TextMarkedContent } from 'pdfjs-dist/types/src/display/api.js';
import type { PageBox, TextLine } from '../layout/text-line.ts';
import { dropRepeatedRuns } from './drop-repeated-runs.ts';
import { findClippedText } from './find-clipped-text.ts';
import { dependsOnUnknownFonts, loadFontStyles, styleOf, type FontStyles } from './read-font-weights.ts';
import type { OutlineHeadings } from './read-outline-headings.ts';
import { readStructRoles, type StructRoles } from './read-struct-roles.ts';
import { groupLineRuns, runsToLines } from './runs-to-lines.ts';
import { toRun, type Run } from './text-run.ts';

/** Two different runs of one line overlapping by this share of the narrower one cannot both be visible... */
const HIDDEN_TEXT_OVERLAP = 0.5;
/** ...when both are words: accents, primes and braces of formulas overlap their letters by design. */
const WORD = /\p{L}{3}/u;

/** What one page gave: its lines in top-down points and how much text it really has. */
export interface PageText {
  box: PageBox;
  lines: TextLine[];
  characters: number;
  /** Glyphs without a Unicode mapping (U+FFFD, private use): a text layer that lies. */
  unmappedCharacters: number;
}

/** What the pages of one document share while they are read. */
export interface DocumentHints {
  outline: OutlineHeadings;
  fontStyles: FontStyles;
}

interface PlacedItem {
  item: TextItem;
  run: Run;
}

/** Places the text items, with the heading level of their tagged structure element when there is one. */
function placeItems(content: TextContent, roles: StructRoles, viewportTransform: number[], fontStyles: FontStyles): PlacedItem[] {
  const placed: PlacedItem[] = [];
  const contentStack: string[] = [];
  for (const item of content.items as Array<TextItem | TextMarkedContent>) {
    if ('type' in item) {
      if (item.type === 'endMarkedContent') contentStack.pop();
      else contentStack.push(item.id ?? '');
      continue;
    }
    const contentId = roles.hasHeadings ? contentStack.findLast((id) => roles.levelByContentId.has(id)) : undefined;
    const level = roles.hasHeadings ? (contentId ? roles.levelByContentId.get(contentId) : 0) : undefined;
    const monospace = content.styles[item.fontName]?.fontFamily === 'monospace';
    const run = toRun(item, viewportTransform, { ...styleOf(item.fontName, fontStyles), monospace }, level);
    if (run) placed.push({ item, run });
  }
  return placed;
}

/** Runs of one line that overlap with different text: something drawn there is not visible. */
function hasOverlappingText(lines: readonly Run[][]): boolean {
  return lines.some((runs) =>
    runs.some((run, index) => {
      const next = runs[index + 1];
      if (!next || !WORD.test(run.text) || !WORD.test(next.text)) return false;
      const overlap = Math.min(run.x1, next.x1) - next.x0;
      return overlap > HIDDEN_TEXT_OVERLAP * Math.min(run.x1 - run.x0, next.x1 - next.x0);
    }),
  );
}

/** Pages where text overlaps other text replay their drawing to drop clipped (invisible) text. */
async function dropClippedText(page: PDFPageProxy, placed: PlacedItem[]): Promise<PlacedItem[]> {
  const isClipped = await findClippedText(page);
  return placed.filter(({ item }) => !isClipped(item.transform[4]!, item.transform[5]!, item.str));
}

const UNMAPPED = /[\ufffd\ue000-\uf8ff]/g;
const countCharacters = (runs: readonly Run[]) => runs.reduce((sum, run) => sum + run.text.length - (run.text.match(/\s/g)?.length ?? 0), 0);
const countUnmapped = (runs: readonly Run[]) => runs.reduce((sum, run) => sum + (run.text.match(UNMAPPED)?.length ?? 0), 0);

/**
 * Reads one page's text runs with pdf.js and turns them into lines: positions through the page's
 * viewport (rotation applied), text drawn twice or clipped away dropped, bold from font names,
 * heading levels from tags or bookmarks.
 */
export async function readPageLines(page: PDFPageProxy, hints: DocumentHints): Promise<PageText> {
  const viewport = page.getViewport({ scale: 1 });
  const roles = await readStructRoles(page);
  const content = await page.getTextContent({ includeMarkedContent: roles.hasHeadings });
  const placed = placeItems(content, roles, viewport.transform, hints.fontStyles);
  let runs = dropRepeatedRuns(placed.map(({ run }) => run));
  let lines = groupLineRuns(runs);
  // A second parse of the page, so only where something is suspicious: text overlapping other text.
  if (hasOverlappingText(lines)) {
    runs = dropRepeatedRuns((await dropClippedText(page, placed)).map(({ run }) => run));
    lines = groupLineRuns(runs);
  }
  if (dependsOnUnknownFonts(lines, hints.fontStyles)) {
    await loadFontStyles(page, new Set(runs.map((run) => run.fontId)), hints.fontStyles);
    for (const run of runs) Object.assign(run, styleOf(run.fontId, hints.fontStyles));
  }
  return {
    box: { page: page.pageNumber, width: viewport.width, height: viewport.height },
    lines: runsToLines(lines, page.pageNumber, hints.outline),
    characters: countCharacters(runs),
    unmappedCharacters: countUnmapped(runs),
  };
}
