import type { LineGroup } from './group-blocks.ts';
import type { BodyStyle, HeadingCandidate } from './heading-candidate.ts';
import { roundSize } from './text-line.ts';

/** Candidates decided so far, by group; the rules below remove or merge entries. */
export type Candidates = Map<LineGroup, HeadingCandidate>;

/** This many same-size "headings" in a row with no body text between them are labels of a figure or a cover. */
const MIN_LABEL_RUN = 3;
const MAX_LABEL_CHARACTERS = 60;
const SAME_SIZE_RATIO = 0.95;
/** A line this close below another (share of its height) is the next line of the same text. */
const NEXT_LINE_GAP_SHARE = 0.75;
/** A heading on this share of the pages (and on three at least) is a template title. */
const TEMPLATE_PAGE_SHARE = 0.4;
const MIN_TEMPLATE_PAGES = 3;
/**
 * What ends a run of labels: a paragraph (two lines, or one long line) not much smaller than body text.
 * Callouts and captions are single short lines in small print.
 */
const MIN_PROSE_SIZE_SHARE = 0.85;
const MIN_PROSE_CHARACTERS = 80;
/** A title line ending in one of these words goes on in the next line ("BE PREPARED FOR A" / "FLOOD"). */
const ENDS_IN_FUNCTION_WORD = /\b(a|an|the|of|for|to|and|or|in|on|at|by|with|from)$/i;

const first = (group: LineGroup) => group.lines[0]!;
const last = (group: LineGroup) => group.lines[group.lines.length - 1]!;
const isDeclared = (group: LineGroup) => first(group).declaredHeadingLevel !== undefined;
const isDirectlyBelow = (upper: LineGroup, lower: LineGroup) =>
  first(lower).page === last(upper).page && first(lower).y0 - last(upper).y1 <= (last(upper).y1 - last(upper).y0) * NEXT_LINE_GAP_SHARE;

function isProse(group: LineGroup, body: BodyStyle): boolean {
  const long = group.lines.length >= 2 || first(group).text.length >= MIN_PROSE_CHARACTERS;
  return long && /\p{L}{2,}/u.test(first(group).text) && first(group).fontSize >= body.size * MIN_PROSE_SIZE_SHARE;
}

/**
 * A candidate whose sentence goes on in the next group (same size, starting in lower case, in the
 * same face or on the very next line) is a bold lead-in or the first line of a widely spaced paragraph.
 */
export function continuesBelow(group: LineGroup, next: LineGroup | undefined): boolean {
  if (!next || !/^\P{L}*\p{Ll}/u.test(first(next).text)) return false;
  const line = first(next);
  const end = last(group);
  if (line.page !== end.page || Math.abs(line.fontSize - end.fontSize) > end.fontSize * (1 - SAME_SIZE_RATIO)) return false;
  return line.font === end.font || isDirectlyBelow(group, next);
}

/**
 * Drops runs of three or more same-size candidates or short lines with no paragraph between them: the
 * boxes of a diagram, the callouts of a figure, the bullet points of a cover, the months of a chart.
 * A real heading opens a section with text in it.
 */
export function dropLabelRuns(groups: readonly LineGroup[], candidates: Candidates, body: BodyStyle): void {
  let run: LineGroup[] = [];
  let runSize = 0;
  const closeRun = () => {
    if (run.length >= MIN_LABEL_RUN) for (const label of run) candidates.delete(label);
    run = [];
  };
  for (const group of groups) {
    const candidate = candidates.get(group);
    const size = candidate?.size ?? first(group).fontSize;
    // Labels of one figure share one page and one size exactly; the next real heading is usually larger.
    const sameSize = run.length > 0 && first(run[0]!).page === first(group).page && roundSize(size) === roundSize(runSize);
    const shortLine = group.lines.length === 1 && first(group).text.length <= MAX_LABEL_CHARACTERS;
    if (candidate && isDeclared(group)) closeRun();
    else if (candidate || (sameSize && shortLine)) {
      if (!sameSize) closeRun();
      run.push(group);
      runSize = size;
    } else if (isProse(group, body)) closeRun();
  }
  closeRun();
}

/**
 * Keeps only the first of a heading repeated on many pages: a slide or page template's title
 * ("Tsunami Preparedness" atop every slide) says nothing about the sections under it.
 */
export function dropTemplateTitles(candidates: Candidates, pageCount: number): void {
  const byText = Map.groupBy([...candidates.values()], (candidate) => candidate.text.toLowerCase());
  for (const repeats of byText.values()) {
    const pages = new Set(repeats.map((candidate) => first(candidate.group).page));
    if (pages.size < MIN_TEMPLATE_PAGES || pages.size < pageCount * TEMPLATE_PAGE_SHARE) continue;
    for (const repeat of repeats.slice(1)) if (!isDeclared(repeat.group)) candidates.delete(repeat.group);
  }
}

/**
 * Joins a title broken over two sizes after a function word ("BE PREPARED FOR A" over a huge
 * "FLOOD") into one heading. Returns the groups that were merged into the one above them.
 */
export function joinBrokenTitles(groups: readonly LineGroup[], candidates: Candidates): Set<LineGroup> {
  const absorbed = new Set<LineGroup>();
  groups.forEach((group, index) => {
    const upper = candidates.get(group);
    const next = groups[index + 1];
    const lower = next && candidates.get(next);
    if (!upper || !lower || first(group).declaredHeadingLevel !== first(next).declaredHeadingLevel || !ENDS_IN_FUNCTION_WORD.test(upper.text)) return;
    if (first(next).page !== last(group).page || first(next).y0 - last(group).y1 > last(group).y1 - last(group).y0) return;
    candidates.set(group, { group, text: `${upper.text} ${lower.text}`, size: Math.max(upper.size, lower.size) });
    candidates.delete(next);
    absorbed.add(next);
  });
  return absorbed;
}
