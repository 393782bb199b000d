import type { TextLine } from '../layout/text-line.ts';
import { outlineLevelOf, type OutlineHeadings } from './read-outline-headings.ts';
import type { Run } from './text-run.ts';

/** Text runs on one baseline further apart than this many ems are separate lines (columns, cells). */
const SPLIT_GAP_EM = 0.7;
/** A gap wider than this share of an em between runs is a word space. */
const SPACE_GAP_EM = 0.12;
const SAME_BASELINE_EM = 0.5;
const ASCENT = 0.8;
const DESCENT = 0.2;
const PAGE_REFERENCE = /^(?:\d{1,4}|[ivxlc]{1,6})$/i;
const DOT_LEADER = /(?:\.\s?){4,}\s*\d{1,4}$/;
/** Bullets and unmapped symbol-font glyphs (Wingdings boxes come out as private-use or C1 code points). */
const SYMBOLS_ONLY = /^[\s\u0080-\u009f\ue000-\uf8ff•●▪◦‣∙·■□○◆◇➢➤►▶✓✔☐☑]+$/u;

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

/**
 * The size a run's baseline tolerance is taken from. Symbol glyphs (checkboxes, bullets) are often
 * drawn larger than their text: they never widen the tolerance, which at their size would pull them
 * into the row of a neighbouring column.
 */
const rowSize = (run: Run, other: Run) => (SYMBOLS_ONLY.test(run.text) ? Math.min(run.fontSize, other.fontSize) : run.fontSize);

/** Runs on one baseline band, in x order: a row of the page that columns and cells may still split. */
function groupRows(runs: readonly Run[]): Run[][] {
  const byBaseline = [...runs].sort((left, right) => left.baseline - right.baseline);
  const rows: Run[][] = [];
  for (const run of byBaseline) {
    const row = rows[rows.length - 1];
    const anchor = row?.[0];
    if (row && anchor && Math.abs(run.baseline - anchor.baseline) < SAME_BASELINE_EM * Math.max(rowSize(anchor, run), rowSize(run, anchor))) row.push(run);
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

/** The runs of each printed line of a page, left to right; positions only, fonts play no part. */
export function groupLineRuns(runs: readonly Run[]): Run[][] {
  return groupRows(runs).flatMap(splitRow);
}

/** The font that sets most of the characters of a line. */
function dominantFont(group: readonly Run[]): string {
  const characters = new Map<string, number>();
  for (const run of group) characters.set(run.fontId, (characters.get(run.fontId) ?? 0) + run.text.length);
  return [...characters].reduce((best, entry) => (entry[1] > best[1] ? entry : best))[0];
}

function toTextLine(group: Run[], page: number, outline: OutlineHeadings): TextLine {
  const text = joinRuns(group);
  let [x0, x1, fontSize, textSize, baseline] = [Infinity, -Infinity, 0, 0, -Infinity];
  let tagged: number | undefined;
  for (const run of group) {
    x0 = Math.min(x0, run.x0);
    x1 = Math.max(x1, run.x1);
    fontSize = Math.max(fontSize, run.fontSize);
    if (!SYMBOLS_ONLY.test(run.text)) textSize = Math.max(textSize, run.fontSize);
    baseline = Math.max(baseline, run.baseline);
    tagged ??= run.headingLevel;
  }
  // A large checkbox or arrow glyph does not make its line a heading: the size is that of the words.
  fontSize = textSize || fontSize;
  const bold = group.every((run) => run.bold);
  return {
    text,
    x0,
    x1,
    y0: baseline - fontSize * ASCENT,
    y1: baseline + fontSize * DESCENT,
    fontSize,
    bold,
    startsBold: !bold && group[0]!.bold ? true : undefined,
    italic: group.every((run) => run.italic),
    monospace: group.every((run) => run.monospace),
    font: dominantFont(group),
    page,
    declaredHeadingLevel: tagged !== undefined && tagged > 0 ? tagged : outlineLevelOf(outline, text, page),
    declaredBody: tagged === 0 ? true : undefined,
  };
}

/**
 * Lines of a table of contents (a title with a page number at the right end of its row, or dot
 * leaders) are body text even when bold: the real headings are on the pages they point to.
 */
function markContentsEntries(lines: TextLine[]): TextLine[] {
  const pageReferences = lines.filter((line) => PAGE_REFERENCE.test(line.text));
  return lines.map((line) => {
    const pageNumberToTheRight = pageReferences.some(
      (other) => other !== line && other.x0 > line.x1 && Math.abs(other.y1 - line.y1) < line.fontSize * SAME_BASELINE_EM,
    );
    const contentsEntry = pageNumberToTheRight || DOT_LEADER.test(line.text);
    return contentsEntry && line.declaredHeadingLevel === undefined ? { ...line, declaredBody: true } : line;
  });
}

/**
 * Letters that symbol fonts (Wingdings, Zapf Dingbats) draw as bullets, when the PDF maps them to
 * their ASCII codes: Wingdings "l" is a disc, "n" a square, "q" and "u" diamonds and boxes, "v" a
 * star, "ü" a check mark, "Ø" an arrow.
 */
const SYMBOL_FONT_BULLET = /^[lnquvwü§Ø]$/;
/** A bullet glyph sits this close to its text (in ems of the text). */
const BULLET_GAP_EM = 1.5;

/**
 * A line that opens with a lone symbol-font letter set in a font of its own, right before the text,
 * opens with a bullet ("uBuilding walls with sandbags" was a Wingdings diamond): it becomes "•".
 */
function markSymbolBullets(group: Run[]): Run[] {
  const [first, second] = group;
  if (!first || !second || !SYMBOL_FONT_BULLET.test(first.text.trim()) || first.fontId === second.fontId) return group;
  if (second.x0 - first.x1 > BULLET_GAP_EM * second.fontSize || first.fontSize > second.fontSize * 1.05) return group;
  return [{ ...first, text: '•', x1: Math.min(first.x1, second.x0 - second.fontSize * 0.3) }, ...group.slice(1)];
}

/** Turns the run groups of one page into text lines with font size, weight and declared heading level. */
export function runsToLines(groups: readonly Run[][], page: number, outline: OutlineHeadings): TextLine[] {
  return markContentsEntries(groups.map((group) => toTextLine(markSymbolBullets(group), page, outline)));
}
