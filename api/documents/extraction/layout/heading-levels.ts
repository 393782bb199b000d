import type { HeadingCandidate } from './heading-candidate.ts';
import { roundSize } from './text-line.ts';

/** Sizes closer than this ratio are one heading level. */
const SAME_LEVEL_RATIO = 0.95;
/** Font sizes alone do not tell more nesting than this. */
const MAX_INFERRED_LEVEL = 4;

/**
 * Heading levels by size: the largest size is level 1, bold body-size text the deepest; sizes within
 * 5 % share a level and levels stop at 4. A cover or title page uses display sizes found on no other
 * page: every size above the largest one that recurs on two pages is level 1, so that three sizes of
 * a cover do not push the chapters of the document down to level 4.
 */
export function levelsBySize(candidates: readonly HeadingCandidate[]): Map<number, number> {
  const inferred = candidates.filter((candidate) => candidate.group.lines[0]!.declaredHeadingLevel === undefined);
  const pagesBySize = new Map<number, Set<number>>();
  for (const candidate of inferred) {
    const size = roundSize(candidate.size);
    pagesBySize.set(size, (pagesBySize.get(size) ?? new Set()).add(candidate.group.lines[0]!.page));
  }
  const sizes = [...pagesBySize.keys()].sort((a, b) => b - a);
  const largestRecurring = sizes.find((size) => pagesBySize.get(size)!.size >= 2) ?? Infinity;
  const levels = new Map<number, number>();
  let level = 0;
  let previous = Infinity;
  for (const size of sizes) {
    const display = size > largestRecurring / SAME_LEVEL_RATIO;
    if (size < previous * SAME_LEVEL_RATIO && !(display && level === 1)) level = Math.min(MAX_INFERRED_LEVEL, level + 1);
    levels.set(size, Math.max(1, level));
    previous = size;
  }
  return levels;
}
