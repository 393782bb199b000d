import { bodyFontSize, type PageBox, type TextLine } from './text-line.ts';

/** Top and bottom share of a page where running headers, footers and page numbers live. */
const MARGIN_SHARE = 0.08;
/** A margin line repeating on this share of pages is furniture. */
const REPEAT_SHARE = 0.4;
const MIN_PAGES_FOR_REPEATS = 3;
/**
 * Chapter headers ("1.2 Emergency Planning") repeat only within their chapter: a line this close to the
 * page edge (share of the height) is furniture once it repeats on this many pages.
 */
const EDGE_SHARE = 0.05;
const MIN_EDGE_REPEATS = 3;
/** A numbered line this much larger than body text is a section heading at the top of a page, not a header. */
const HEADING_SIZE_RATIO = 1.1;
const PAGE_NUMBER = /^(?:page\s+)?(?:\d{1,4}|[ivxlc]{1,6})(?:\s*(?:of|\/)\s*\d{1,4})?$/i;

/**
 * A short line near the top or bottom that starts or ends with a page number (1-3 digits: a year is
 * part of a title) is a running header or footer, even on a one-page excerpt.
 */
const RUNNING_HEADER_WITH_NUMBER = /^(?:\d{1,3}\s+\S.{0,100}|.{0,100}\S\s+\d{1,3})$/;
/** Running headers sit a little lower than page numbers: this share of the page at top and bottom. */
const RUNNING_HEADER_SHARE = 0.13;

const normalise = (text: string) => text.toLowerCase().replace(/\d+/g, '#').replace(/\s+/g, ' ').trim();

function inMargin(line: TextLine, box: PageBox | undefined, share = MARGIN_SHARE): boolean {
  if (!box) return false;
  return line.y1 < box.height * share || line.y0 > box.height * (1 - share);
}

/** The whole printed row a line belongs to (a header and its page number are often separate runs). */
function rowText(line: TextLine, pageLines: readonly TextLine[]): string {
  return pageLines
    .filter((other) => Math.abs(other.y1 - line.y1) < line.fontSize * 0.3)
    .sort((left, right) => left.x0 - right.x0)
    .map((other) => other.text.trim())
    .join(' ');
}

function isRunningHeader(line: TextLine, box: PageBox | undefined, pageLines: readonly TextLine[], bodySize: number): boolean {
  if (line.fontSize >= bodySize * HEADING_SIZE_RATIO) return false;
  return inMargin(line, box, RUNNING_HEADER_SHARE) && RUNNING_HEADER_WITH_NUMBER.test(rowText(line, pageLines));
}

/**
 * Removes running headers and footers (margin lines repeating across pages, digits ignored) and bare
 * page numbers, which would otherwise cut paragraphs and sections in two.
 */
export function stripPageFurniture(lines: readonly TextLine[], pages: readonly PageBox[]): TextLine[] {
  const boxByPage = new Map(pages.map((box) => [box.page, box]));
  const pagesByText = new Map<string, Set<number>>();
  for (const line of lines) {
    if (!inMargin(line, boxByPage.get(line.page))) continue;
    const key = normalise(line.text);
    const seen = pagesByText.get(key) ?? new Set<number>();
    seen.add(line.page);
    pagesByText.set(key, seen);
  }
  const linesByPage = Map.groupBy(lines, (line) => line.page);
  const bodySize = bodyFontSize(lines);
  const repeatThreshold = Math.max(2, Math.ceil(pages.length * REPEAT_SHARE));
  return lines.filter((line) => {
    const box = boxByPage.get(line.page);
    if (isRunningHeader(line, box, linesByPage.get(line.page)!, bodySize)) return false;
    if (!inMargin(line, box)) return true;
    if (PAGE_NUMBER.test(line.text.trim())) return false;
    if (pages.length < MIN_PAGES_FOR_REPEATS) return true;
    const repeats = pagesByText.get(normalise(line.text))?.size ?? 0;
    return repeats < (inMargin(line, box, EDGE_SHARE) ? Math.min(repeatThreshold, MIN_EDGE_REPEATS) : repeatThreshold);
  });
}
