import type { ScoredUnit } from '../relevance/score-passage.ts';
import { isAimedAtAssistant } from './aimed-at-assistant.ts';

export interface ExtractivePassage {
  /** Citation number shown as [n]. */
  number: number;
  label: string;
  /** The passage's sentences, list items and table rows, scored against the question. */
  units: ScoredUnit[];
}

/** Shown above every extractive answer so nobody mistakes quotes for a written answer. */
export const EXTRACTIVE_LABEL =
  'No language model is reachable right now, so this answer quotes the most relevant passages of the documents as they are:';

/** The answer leads with at most this many sentences (a list counts as one, with its items). */
const MAX_LEAD_UNITS = 3;
/** A unit joins the lead when it covers at least this share of what the best unit covers. */
const LEAD_SHARE_OF_BEST = 0.75;
/** Items of the answering list quoted in the lead, and lines quoted per supporting passage. */
const MAX_LIST_ITEMS = 12;
/** Short sentences that finish the thought of a leading one (a slogan, "Call 911.") are quoted with it. */
const MAX_SHORT_FOLLOWERS = 2;
const MAX_SHORT_FOLLOWER_CHARS = 40;
/** Only a checklist (short items) is quoted whole; items longer than this are prose and quoted alone. */
const MAX_CHECKLIST_ITEM_CHARS = 90;
const MAX_SUPPORT_LINES = 2;
/** A supporting line must cover at least this share of the question's weight to be quoted. */
const MIN_SUPPORT_COVERAGE = 0.2;

/**
 * Use when no LLM answered: leads with the one to three sentences (or the list, or the table row with
 * its header) that cover most of the question, each with its citation number, then quotes the other
 * cited passages briefly. Text addressed to an AI assistant is never quoted.
 */
export function buildExtractiveAnswer(passages: ExtractivePassage[]): string {
  // A unit leads only for words it says itself; a heading or title alone makes every line under it tie.
  const candidates = passages.flatMap((passage) =>
    passage.units.filter((unit) => unit.ownCoverage > 0 && !isAimedAtAssistant(unit.text)).map((unit) => ({ passage, unit })),
  );
  const best = Math.max(0, ...candidates.map((c) => c.unit.coverage));
  const ranked = candidates
    .filter((c) => c.unit.coverage >= best * LEAD_SHARE_OF_BEST)
    .sort((a, b) => b.unit.coverage - a.unit.coverage || b.unit.ownCoverage - a.unit.ownCoverage || a.passage.number - b.passage.number || a.unit.index - b.unit.index);
  const lead: string[] = [];
  const quoted = new Set<ScoredUnit>();
  for (const { passage, unit } of ranked) {
    if (lead.length >= MAX_LEAD_UNITS) break;
    if (quoted.has(unit) || lead.some((line) => line.includes(unit.text))) continue;
    const block = leadBlock(passage, unit, quoted);
    lead.push(`${block} [${passage.number}]`);
  }
  // Nothing says the question's words itself (they are all in titles or headings): quote the best passage's start.
  if (lead.length === 0 && passages[0]) {
    const opening = passages[0].units.filter((unit) => !isAimedAtAssistant(unit.text)).slice(0, MAX_SUPPORT_LINES);
    opening.forEach((unit) => quoted.add(unit));
    if (opening.length > 0) lead.push(`${opening.map((unit) => `> ${unit.text}`).join('\n')} [${passages[0].number}]`);
  }
  const support = passages.map((passage) => supportBlock(passage, quoted)).filter((block) => block !== null);
  return [EXTRACTIVE_LABEL, lead.join('\n'), ...support].filter((part) => part.length > 0).join('\n\n');
}

/** The quoted form of a leading unit: a list item brings its heading and sibling items, a row its header. */
function leadBlock(passage: ExtractivePassage, unit: ScoredUnit, quoted: Set<ScoredUnit>): string {
  quoted.add(unit);
  if (unit.kind === 'row') return [unit.tableHeader, unit.text].filter(Boolean).map((line) => `> ${line}`).join('\n');
  if (unit.kind === 'item') {
    const list = listAround(passage.units, unit).filter((u) => !isAimedAtAssistant(u.text));
    const checklist = list.every((u) => u.text.length <= MAX_CHECKLIST_ITEM_CHARS);
    const at = list.indexOf(unit);
    const start = Math.max(0, Math.min(at - 2, list.length - MAX_LIST_ITEMS));
    const siblings = checklist ? list.slice(start, start + MAX_LIST_ITEMS) : [unit];
    siblings.forEach((u) => quoted.add(u));
    const heading = unit.headings.at(-1);
    return [...(heading ? [`> ${heading}:`] : []), ...siblings.map((u) => `> - ${u.text}`)].join('\n');
  }
  // A short sentence right after it in the same paragraph goes with it: "Turn Around. Don't Drown."
  const followers = passage.units.slice(unit.index + 1, unit.index + 1 + MAX_SHORT_FOLLOWERS);
  const taken: ScoredUnit[] = [];
  for (const next of followers) {
    if (next.kind !== 'sentence' || next.line !== unit.line || next.text.length > MAX_SHORT_FOLLOWER_CHARS || isAimedAtAssistant(next.text)) break;
    taken.push(next);
    quoted.add(next);
  }
  return `> ${[unit, ...taken].map((u) => u.text).join(' ')}`;
}

function supportBlock(passage: ExtractivePassage, quoted: Set<ScoredUnit>): string | null {
  const lines = passage.units
    .filter((unit) => !quoted.has(unit) && unit.ownCoverage > 0 && unit.coverage >= MIN_SUPPORT_COVERAGE && !isAimedAtAssistant(unit.text))
    .sort((a, b) => b.coverage - a.coverage || b.ownCoverage - a.ownCoverage || a.index - b.index)
    .slice(0, MAX_SUPPORT_LINES)
    .sort((a, b) => a.index - b.index);
  lines.forEach((unit) => quoted.add(unit));
  const quotes = lines.map((unit) => (unit.kind === 'row' && unit.tableHeader ? `> ${unit.tableHeader}\n> ${unit.text}` : `> ${unit.kind === 'item' ? '- ' : ''}${unit.text}`));
  return [`[${passage.number}] ${passage.label}`, ...quotes].join('\n');
}

/** The unbroken run of list items under the same headings that contains `unit`. */
function listAround(units: ScoredUnit[], unit: ScoredUnit): ScoredUnit[] {
  const inList = (u: ScoredUnit | undefined) => u !== undefined && u.kind === 'item' && sameHeadings(u, unit);
  const position = units.indexOf(unit);
  let first = position;
  let last = position;
  while (inList(units[first - 1])) first -= 1;
  while (inList(units[last + 1])) last += 1;
  return units.slice(first, last + 1);
}

function sameHeadings(left: ScoredUnit, right: ScoredUnit): boolean {
  return left.headings.length === right.headings.length && left.headings.every((heading, i) => heading === right.headings[i]);
}
