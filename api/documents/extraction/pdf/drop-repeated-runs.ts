import type { Run } from './text-run.ts';

/** Copies of a run this close (in ems, vertically) are one line drawn again, not the next line. */
const MAX_BASELINE_SHIFT_EM = 0.2;
/** Copies of one text cover at least this share of each other's width (a shifted "=" next to "=" is two signs). */
const MIN_WIDTH_OVERLAP = 0.7;
/** A shorter text starting this close to a longer one that begins with it is a truncated copy of it. */
const SAME_START_EM = 0.2;
const MIN_PREFIX_CHARACTERS = 3;
const SAME_SIZE_RATIO = 0.9;
/** Grid (points) on which runs are looked up by their start: copies sit in the same or a neighbouring cell. */
const CELL_PT = 8;

const sameLine = (run: Run, other: Run, size: number) =>
  Math.min(run.fontSize, other.fontSize) >= size * SAME_SIZE_RATIO && Math.abs(run.baseline - other.baseline) <= size * MAX_BASELINE_SHIFT_EM;

function sameTextOverlapping(run: Run, other: Run): boolean {
  if (run.text !== other.text && run.text.trim() !== other.text.trim()) return false;
  const overlap = Math.min(run.x1, other.x1) - Math.max(run.x0, other.x0);
  return overlap >= Math.max(run.x1 - run.x0, other.x1 - other.x0, 0.01) * MIN_WIDTH_OVERLAP;
}

/** `short` is the start of `long`, drawn from the same point: an earlier or cut-off version of one frame. */
function truncatedCopy(short: Run, long: Run, size: number): boolean {
  if (Math.abs(short.x0 - long.x0) > size * SAME_START_EM) return false;
  const shortText = short.text.trim();
  return shortText.length >= MIN_PREFIX_CHARACTERS && shortText.length < long.text.trim().length && long.text.trim().startsWith(shortText);
}

const cellOf = (value: number) => Math.floor(value / CELL_PT);
const neighbourCells = (run: Run) => [-1, 0, 1].flatMap((dy) => [-1, 0, 1].map((dx) => `${cellOf(run.baseline) + dy},${cellOf(run.x0) + dx}`));

/**
 * Drops runs that repeat an earlier run's text at (nearly) the same place. Layout programs draw text
 * twice or more for fake bold (a small offset), shadows and outlines, and some exports repeat a whole
 * text frame at the same position (sometimes cut short); pdf.js reports every copy, and the row joiner
 * would glue them into "Keep a full tank ofKeep a full tank of". Of a truncated pair the longer stays.
 */
export function dropRepeatedRuns(runs: readonly Run[]): Run[] {
  const kept: Array<Run | undefined> = [];
  const byStart = new Map<string, number[]>();
  for (const run of runs) {
    let isCopy = false;
    for (const key of neighbourCells(run)) {
      for (const index of byStart.get(key) ?? []) {
        const other = kept[index];
        const size = Math.max(run.fontSize, other?.fontSize ?? 0);
        if (!other || !sameLine(run, other, size)) continue;
        if (sameTextOverlapping(run, other) || truncatedCopy(run, other, size)) isCopy = true;
        else if (truncatedCopy(other, run, size)) kept[index] = undefined;
      }
    }
    if (isCopy) continue;
    const key = `${cellOf(run.baseline)},${cellOf(run.x0)}`;
    const members = byStart.get(key);
    if (members) members.push(kept.length);
    else byStart.set(key, [kept.length]);
    kept.push(run);
  }
  return kept.filter((run): run is Run => run !== undefined);
}
