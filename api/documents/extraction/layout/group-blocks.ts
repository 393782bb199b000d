import type { TextLine } from './text-line.ts';

/** Lines that belong together: one paragraph, one list item or one heading candidate. */
export interface LineGroup {
  lines: TextLine[];
  listItem?: { ordered: boolean; depth: number; marker: string };
}

/**
 * Dashes followed by a space, and bullet glyphs followed by a space or alone on their line (set apart
 * from their text by a wide gap), symbol-font glyphs included: those map to private-use or C1 control
 * code points (Wingdings boxes and arrows without a Unicode mapping).
 */
const BULLET = /^\s*(?:[•●▪◦‣∙·■□○◆◇➢➤►▶✓✔☐☑\u0080-\u009f\ue000-\uf8ff](?:\s+|$)|[-*+–—]\s+)/u;
const ORDERED = /^\s*(\(?\d{1,3}[.)]|\(?[a-z][.)]|\(?[ivx]{1,4}[.)])\s+/i;
/** A line ending in sentence punctuation (possibly followed by a closing quote or bracket). */
const ENDS_SENTENCE = /[.!?:]["'”’)\]]*\s*$/u;
/** Lines further apart than this share of the line height start a new paragraph. */
const PARAGRAPH_GAP_SHARE = 0.75;
/** A font size change larger than this share starts a new group... */
const SIZE_CHANGE_SHARE = 0.1;
/** ...or a smaller one that comes with a change of face (PDF lines only: OCR sizes are too noisy). */
const FACE_CHANGE_SIZE_SHARE = 0.03;
/** An indent of more than this many ems after a flush line marks a new paragraph. */
const INDENT_EM = 1;
/** List items deeper than this many ems of indent nest one level. */
const LIST_NEST_EM = 1.5;

/** Removes a bullet or number marker; tells whether the item was numbered. */
export function stripListMarker(text: string): { text: string; ordered: boolean } | undefined {
  const bullet = BULLET.exec(text);
  if (bullet) return { text: text.slice(bullet[0].length), ordered: false };
  const ordered = ORDERED.exec(text);
  if (ordered) return { text: text.slice(ordered[0].length), ordered: true };
  return undefined;
}

/** A fragment on the same row, right of the previous one (a wide word gap split the line): same line. */
const continuesRow = (previous: TextLine, line: TextLine) =>
  line.page === previous.page && Math.abs(line.y1 - previous.y1) < previous.fontSize * 0.3 && line.x0 >= previous.x1 - 1;

const sizeChanges = (previous: TextLine, line: TextLine, share: number) => Math.abs(line.fontSize - previous.fontSize) > previous.fontSize * share;

/** A bold phrase that runs on into regular type on the next line is a run-in heading: one paragraph. */
const runsOnInRegularType = (previous: TextLine, line: TextLine) => previous.bold && !line.bold && line.startsBold === true;

/** A change between two lines of one column that ends a paragraph, list item or heading whatever the indent. */
function breaksFlow(previous: TextLine, line: TextLine): boolean {
  // A paragraph goes on over a page break unless its last line ended a sentence: a page that ends a
  // paragraph and opens with a same-size heading ("...your entire family." / "Emergency Food Supplies").
  if (line.page !== previous.page) return line.y0 > previous.y0 || line.fontSize !== previous.fontSize || ENDS_SENTENCE.test(previous.text);
  const height = Math.max(previous.y1 - previous.y0, line.y1 - line.y0, 1);
  const gap = line.y0 - previous.y1;
  if (gap < -height * 0.5 || gap > height * PARAGRAPH_GAP_SHARE) return true;
  if (sizeChanges(previous, line, SIZE_CHANGE_SHARE)) return true;
  // Headings are often set in their own face at a slightly larger size than the text below them.
  if (line.font !== undefined && previous.font !== undefined && line.font !== previous.font && sizeChanges(previous, line, FACE_CHANGE_SIZE_SHARE)) return true;
  if (line.bold !== previous.bold && !runsOnInRegularType(previous, line)) return true;
  if (Boolean(line.italic) !== Boolean(previous.italic)) return true;
  if (Boolean(line.monospace) !== Boolean(previous.monospace)) return true;
  return line.declaredHeadingLevel !== previous.declaredHeadingLevel;
}

function startsNewGroup(previous: TextLine, line: TextLine, groupStart: TextLine): boolean {
  if (continuesRow(previous, line)) return line.bold !== previous.bold && sizeChanges(previous, line, SIZE_CHANGE_SHARE);
  if (breaksFlow(previous, line)) return true;
  // Code keeps its line structure: consecutive fixed-width lines stay one group whatever their indent.
  if (line.monospace && previous.monospace) return false;
  const em = line.fontSize;
  const indented = line.x0 - previous.x0 > INDENT_EM * em && Math.abs(previous.x0 - groupStart.x0) < em / 2;
  return indented && groupStart !== previous;
}

/**
 * Groups lines in reading order into paragraphs, list items and heading candidates, using vertical
 * gaps, font changes, indents and bullet markers.
 */
export function groupBlocks(lines: readonly TextLine[]): LineGroup[] {
  const groups: LineGroup[] = [];
  let current: LineGroup | undefined;
  const listIndents: number[] = [];
  for (const line of lines) {
    const marker = line.monospace ? undefined : stripListMarker(line.text);
    const previous = current?.lines[current.lines.length - 1];
    const continuesListItem = current?.listItem && previous && !marker && line.x0 > current.lines[0]!.x0 + line.fontSize / 2 && !breaksFlow(previous, line);
    const continuesCode = previous?.monospace && line.monospace && !startsNewGroup(previous, line, current!.lines[0]!);
    if (current && previous && (continuesCode || continuesListItem || (!marker && !startsNewGroup(previous, line, current.lines[0]!)))) {
      current.lines.push(line);
      continue;
    }
    if (marker) {
      while (listIndents.length > 0 && line.x0 < listIndents[listIndents.length - 1]! - line.fontSize / 2) listIndents.pop();
      const deeper = listIndents.length === 0 || line.x0 > listIndents[listIndents.length - 1]! + LIST_NEST_EM * line.fontSize;
      if (deeper) listIndents.push(line.x0);
      const markerText = line.text.slice(0, line.text.length - marker.text.length).trim();
      current = { lines: [{ ...line, text: marker.text }], listItem: { ordered: marker.ordered, depth: listIndents.length - 1, marker: markerText } };
    } else {
      listIndents.length = 0;
      current = { lines: [line] };
    }
    groups.push(current);
  }
  return groups;
}

/** Joins a group's lines into one string, rejoining words hyphenated across line ends. */
export function joinGroupText(lines: readonly TextLine[]): string {
  let text = '';
  for (const line of lines) {
    const next = line.text.trim();
    if (!next) continue;
    if (text.endsWith('-') && /^\p{Ll}/u.test(next) && /\p{L}-$/u.test(text)) text = text.slice(0, -1) + next;
    else text = text ? `${text} ${next}` : next;
  }
  return text;
}
