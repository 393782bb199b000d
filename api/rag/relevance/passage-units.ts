/** One quotable piece of a passage: a sentence, a list item or a table row, with what heads it. */
export interface PassageUnit {
  text: string;
  /** The heading lines above it inside the passage ("## First Aid Supplies"), nearest last. */
  headings: string[];
  /** For a table row: the table's header row, without which the row cannot be read. */
  tableHeader?: string;
  kind: 'sentence' | 'item' | 'row';
  /** Position in the passage, for quoting in reading order. */
  index: number;
  /** The line (paragraph, item, row) the unit comes from: sentences of one paragraph share it. */
  line: number;
}

/** A list item longer than this is prose set as a bullet: it is quoted sentence by sentence. */
const MAX_LINE_AS_UNIT = 200;
const HEADING = /^(#{1,6})\s+(.*)$/;
const LIST_ITEM = /^\s*(?:[-*+•]|\d{1,3}[.)])\s+/;
const TABLE_ROW = /^\s*\|/;
const TABLE_SEPARATOR = /^\s*\|?\s*:?-{2,}/;
/** Sentence ends (a closing quote, bracket or ® may follow); not after a single capital ("J. Smith") or a number ("Fig. 3."). */
const SENTENCE_END = /(?<=[^A-Z\d][.!?]["'”’)®™]?)\s+(?=["“(]?[A-Z0-9])/u;

/** A short line without sentence punctuation under a heading: an entry of a checklist set as paragraphs. */
const MAX_CHECKLIST_LINE = 90;
const isChecklistLine = (line: string) => line.length <= MAX_CHECKLIST_LINE && !/[.!?:]["'”’)]?$/.test(line) && /\p{L}{3}/u.test(line);

/**
 * Use to quote or score parts of a passage: its sentences, list items (each with the headings above
 * it, so "Aspirin" stays under "Medicine Kit Supplies") and table rows (each with its header row).
 */
export function splitPassageUnits(text: string): PassageUnit[] {
  const units: PassageUnit[] = [];
  const headings: { level: number; text: string }[] = [];
  let tableHeader: string | undefined;
  let previousWasRow = false;
  for (const [lineNumber, raw] of text.split('\n').entries()) {
    const line = raw.trim();
    if (!line) continue;
    const heading = HEADING.exec(line);
    if (heading) {
      const level = heading[1]!.length;
      while (headings.length > 0 && headings.at(-1)!.level >= level) headings.pop();
      headings.push({ level, text: heading[2]!.trim() });
      previousWasRow = false;
      continue;
    }
    const context = headings.map((h) => h.text);
    if (TABLE_ROW.test(line)) {
      if (TABLE_SEPARATOR.test(line)) continue;
      if (!previousWasRow) tableHeader = line;
      else units.push({ text: line, headings: context, tableHeader, kind: 'row', index: units.length, line: lineNumber });
      previousWasRow = true;
      continue;
    }
    previousWasRow = false;
    const item = LIST_ITEM.test(line) ? line.replace(LIST_ITEM, '').trim() : isChecklistLine(line) ? line : null;
    if (item !== null && item.length <= MAX_LINE_AS_UNIT) {
      units.push({ text: item, headings: context, kind: 'item', index: units.length, line: lineNumber });
      continue;
    }
    const sentences = (item ?? line).split(SENTENCE_END);
    for (const sentence of sentences) {
      if (sentence.trim()) units.push({ text: sentence.trim(), headings: context, kind: 'sentence', index: units.length, line: lineNumber });
    }
  }
  return units;
}
