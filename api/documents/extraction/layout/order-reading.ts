import { median, type TextLine } from './text-line.ts';

/** A gutter between columns is at least this many ems wide. */
const GUTTER_MIN_EM = 0.5;
/** Each side of a gutter holds at least this many lines (a lone label is not a column). */
const MIN_LINES_PER_COLUMN = 3;
/** A column of prose fills its width: most lines (the upper quartile) span this share of it; table cells do not. */
const MIN_COLUMN_FILL_SHARE = 0.35;
const COLUMN_WIDTH_QUANTILE = 0.75;
/** Lines crossing a gutter may cover this share of the busiest x position (titles, footers). */
const MAX_CROSSING_SHARE = 0.2;
/** Baselines closer than this many ems are on the same row. */
const SAME_ROW_EM = 0.4;

interface Gutter {
  start: number;
  end: number;
}

const crosses = (line: TextLine, gutter: Gutter) => line.x0 < gutter.start && line.x1 > gutter.end;

function coverage(lines: readonly TextLine[], left: number, width: number): Uint16Array {
  const counts = new Uint16Array(width + 1);
  for (const line of lines) {
    const from = Math.max(0, Math.floor(line.x0 - left));
    const to = Math.min(width, Math.ceil(line.x1 - left));
    for (let x = from; x <= to; x += 1) counts[x] = Math.min(65_535, counts[x]! + 1);
  }
  return counts;
}

/** Bullet glyphs set apart from their text line up like a column of their own; only words make one. */
const hasWords = (line: TextLine) => /[\p{L}\p{N}]{2}/u.test(line.text);

function isColumnSplit(wordLines: readonly TextLine[], gutter: Gutter): boolean {
  const left = wordLines.filter((line) => line.x1 <= gutter.start);
  const right = wordLines.filter((line) => line.x0 >= gutter.end);
  if (left.length < MIN_LINES_PER_COLUMN || right.length < MIN_LINES_PER_COLUMN) return false;
  const typicalWidth = (side: TextLine[]) => {
    const widths = side.map((line) => line.x1 - line.x0).sort((a, b) => a - b);
    return widths[Math.floor((widths.length - 1) * COLUMN_WIDTH_QUANTILE)]!;
  };
  const span = (side: TextLine[]) => Math.max(...side.map((line) => line.x1)) - Math.min(...side.map((line) => line.x0));
  return typicalWidth(left) >= span(left) * MIN_COLUMN_FILL_SHARE && typicalWidth(right) >= span(right) * MIN_COLUMN_FILL_SHARE;
}

/** The widest vertical strip few lines cross and with columns of prose on both sides, if any. */
function findGutter(lines: readonly TextLine[], em: number): Gutter | undefined {
  const left = Math.min(...lines.map((line) => line.x0));
  const right = Math.max(...lines.map((line) => line.x1));
  const width = Math.ceil(right - left);
  if (width <= 0 || !Number.isFinite(width)) return undefined;
  const counts = coverage(lines, left, width);
  const wordLines = lines.filter(hasWords);
  const ceiling = Math.max(1, Math.floor(Math.max(...counts) * MAX_CROSSING_SHARE));
  let best: Gutter | undefined;
  let runStart = -1;
  for (let x = 0; x <= width + 1; x += 1) {
    const low = x <= width && counts[x]! <= ceiling;
    if (low && runStart < 0) runStart = x;
    if (!low && runStart >= 0) {
      const gutter = { start: left + runStart, end: left + x - 1 };
      const wideEnough = gutter.end - gutter.start >= GUTTER_MIN_EM * em;
      const inside = runStart > 0 && x <= width;
      if (wideEnough && inside && isColumnSplit(wordLines, gutter) && (!best || gutter.end - gutter.start > best.end - best.start)) {
        best = gutter;
      }
      runStart = -1;
    }
  }
  return best;
}

function sortTopDown(lines: readonly TextLine[], em: number): TextLine[] {
  return [...lines].sort((a, b) => (Math.abs(a.y1 - b.y1) < SAME_ROW_EM * em ? a.x0 - b.x0 : a.y1 - b.y1));
}

/**
 * Reading order of one page: finds column gutters (recursively, so three columns work), reads each
 * band between full-width lines column by column, and everything else top-down, left to right.
 */
export function orderReading(lines: readonly TextLine[], em = median(lines.map((line) => line.fontSize))): TextLine[] {
  if (lines.length < 2 * MIN_LINES_PER_COLUMN) return sortTopDown(lines, em);
  const gutter = findGutter(lines, em);
  if (!gutter) return sortTopDown(lines, em);
  const ordered: TextLine[] = [];
  let band: TextLine[] = [];
  const flushBand = () => {
    const left = band.filter((line) => line.x1 <= gutter.start || (line.x0 + line.x1) / 2 < gutter.start);
    const right = band.filter((line) => !left.includes(line));
    ordered.push(...orderReading(left, em), ...orderReading(right, em));
    band = [];
  };
  for (const line of sortTopDown(lines, em)) {
    if (crosses(line, gutter)) {
      flushBand();
      ordered.push(line);
    } else {
      band.push(line);
    }
  }
  flushBand();
  return ordered;
}
