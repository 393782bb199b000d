import { Util, type PDFPageProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { TextItem, TextMarkedContent } from 'pdfjs-dist/types/src/display/api.js';
import type { PageBox, TextLine } from '../layout/text-line.ts';
import { outlineLevelOf, type OutlineHeadings } from './read-outline-headings.ts';
import { readFontStyles, type FontStyles } from './read-font-weights.ts';
import { readStructRoles } from './read-struct-roles.ts';

/** Text runs on one baseline further apart than this many ems are separate lines (columns, cells). */
const SPLIT_GAP_EM = 0.7;
/** A gap wider than this share of an em between runs is a word space. */
const SPACE_GAP_EM = 0.12;
const SAME_BASELINE_EM = 0.5;
const ASCENT = 0.8;
const DESCENT = 0.2;
const PAGE_REFERENCE = /^(?:\d{1,4}|[ivxlc]{1,6})$/i;
const DOT_LEADER = /(?:\.\s?){4,}\s*\d{1,4}$/;
const PLAIN = { bold: false, italic: false };
const RTL = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]/g;

interface Run {
  text: string;
  x0: number;
  x1: number;
  baseline: number;
  fontSize: number;
  bold: boolean;
  italic: boolean;
  monospace: boolean;
  headingLevel: number | undefined;
  rtl: boolean;
}

function toRun(item: TextItem, viewportTransform: number[], style: { bold: boolean; italic: boolean; monospace: boolean }, headingLevel: number | undefined): Run | undefined {
  const [a, b, c, d, e, f] = Util.transform(viewportTransform, item.transform) as number[];
  const fontSize = Math.hypot(c!, d!);
  if (!item.str.trim() || fontSize <= 0) return undefined;
  const horizontal = Math.abs(b!) <= Math.abs(a!) * 0.1;
  const width = horizontal ? item.width * (Math.hypot(a!, b!) / Math.hypot(item.transform[0]!, item.transform[1]!) || 1) : fontSize;
  return {
    text: item.str,
    x0: e!,
    x1: e! + Math.max(width, 0),
    baseline: f!,
    fontSize,
    bold: style.bold,
    italic: style.italic,
    monospace: style.monospace,
    headingLevel,
    rtl: (item.str.match(RTL)?.length ?? 0) > item.str.length / 2,
  };
}

function joinRuns(runs: Run[]): string {
  const rtl = runs.filter((run) => run.rtl).length > runs.length / 2;
  const ordered = [...runs].sort((left, right) => (rtl ? right.x0 - left.x0 : left.x0 - right.x0));
  let text = '';
  let previous: Run | undefined;
  for (const run of ordered) {
    const gap = previous ? (rtl ? previous.x0 - run.x1 : run.x0 - previous.x1) : 0;
    const needsSpace = previous && gap > run.fontSize * SPACE_GAP_EM && !/\s$/.test(text) && !/^\s/.test(run.text);
    text += (needsSpace ? ' ' : '') + run.text;
    previous = run;
  }
  return text.replace(/\s+/g, ' ').trim();
}

/** Runs on one baseline band, in x order: a row of the page that columns and cells may still split. */
function groupRows(runs: Run[]): Run[][] {
  const byBaseline = [...runs].sort((left, right) => left.baseline - right.baseline);
  const rows: Run[][] = [];
  for (const run of byBaseline) {
    const row = rows[rows.length - 1];
    const anchor = row?.[0];
    if (row && anchor && Math.abs(run.baseline - anchor.baseline) < SAME_BASELINE_EM * Math.max(anchor.fontSize, run.fontSize)) row.push(run);
    else rows.push([run]);
  }
  return rows.map((row) => row.sort((left, right) => left.x0 - right.x0));
}

/** Splits a row where runs are further apart than a word space: columns and table cells become separate lines. */
function splitRow(row: Run[]): Run[][] {
  const lines: Run[][] = [];
  let reach = -Infinity;
  for (const run of row) {
    const current = lines[lines.length - 1];
    if (current && run.x0 - reach < SPLIT_GAP_EM * Math.max(run.fontSize, current[0]!.fontSize)) current.push(run);
    else lines.push([run]);
    reach = Math.max(reach, run.x1);
  }
  return lines;
}

function runsToLines(runs: Run[], page: number, outline: OutlineHeadings): TextLine[] {
  const groups = groupRows(runs).flatMap(splitRow);
  const lines = groups.map((group) => {
    const text = joinRuns(group);
    const fontSize = Math.max(...group.map((run) => run.fontSize));
    const baseline = Math.max(...group.map((run) => run.baseline));
    const tagged = group.find((run) => run.headingLevel !== undefined)?.headingLevel;
    const outlineLevel = outlineLevelOf(outline, text, page);
    return {
      text,
      x0: Math.min(...group.map((run) => run.x0)),
      x1: Math.max(...group.map((run) => run.x1)),
      y0: baseline - fontSize * ASCENT,
      y1: baseline + fontSize * DESCENT,
      fontSize,
      bold: group.every((run) => run.bold),
      italic: group.every((run) => run.italic),
      monospace: group.every((run) => run.monospace),
      page,
      declaredHeadingLevel: tagged !== undefined && tagged > 0 ? tagged : outlineLevel,
      declaredBody: tagged === 0 ? true : undefined,
    };
  });
  return markContentsEntries(lines);
}

/**
 * Lines of a table of contents (a title with a page number at the right end of its row, or dot
 * leaders) are body text even when bold: the real headings are on the pages they point to.
 */
function markContentsEntries(lines: TextLine[]): TextLine[] {
  return lines.map((line) => {
    const pageNumberToTheRight = lines.some(
      (other) => other !== line && other.x0 > line.x1 && Math.abs(other.y1 - line.y1) < line.fontSize * SAME_BASELINE_EM && PAGE_REFERENCE.test(other.text),
    );
    const contentsEntry = pageNumberToTheRight || DOT_LEADER.test(line.text);
    return contentsEntry && line.declaredHeadingLevel === undefined ? { ...line, declaredBody: true } : line;
  });
}

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

/**
 * Reads one page's text runs with pdf.js and turns them into lines: positions through the page's
 * viewport (rotation applied), bold from font names, heading levels from tags or bookmarks.
 */
export async function readPageLines(page: PDFPageProxy, hints: DocumentHints): Promise<PageText> {
  const viewport = page.getViewport({ scale: 1 });
  const roles = await readStructRoles(page);
  const content = await page.getTextContent({ includeMarkedContent: roles.hasHeadings });
  const fontIds = new Set(content.items.flatMap((item) => ('fontName' in item ? [item.fontName] : [])));
  const styles = await readFontStyles(page, fontIds, hints.fontStyles);
  const runs: Run[] = [];
  const contentStack: string[] = [];
  let characters = 0;
  let unmappedCharacters = 0;
  for (const item of content.items as Array<TextItem | TextMarkedContent>) {
    if ('type' in item) {
      if (item.type === 'endMarkedContent') contentStack.pop();
      else contentStack.push(item.id ?? '');
      continue;
    }
    const contentId = contentStack.findLast((id) => roles.levelByContentId.has(id));
    const level = roles.hasHeadings ? (contentId ? roles.levelByContentId.get(contentId) : 0) : undefined;
    const monospace = content.styles[item.fontName]?.fontFamily === 'monospace';
    const run = toRun(item, viewport.transform, { ...(styles.get(item.fontName) ?? PLAIN), monospace }, level);
    if (!run) continue;
    characters += run.text.replace(/\s/g, '').length;
    unmappedCharacters += run.text.match(/[\ufffd\ue000-\uf8ff]/g)?.length ?? 0;
    runs.push(run);
  }
  const box = { page: page.pageNumber, width: viewport.width, height: viewport.height };
  return { box, lines: runsToLines(runs, page.pageNumber, hints.outline), characters, unmappedCharacters };
}
