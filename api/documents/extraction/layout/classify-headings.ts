import type { DocumentBlock } from '../structure/document-block.ts';
import { joinGroupText, type LineGroup } from './group-blocks.ts';
import { bodyFontSize, roundSize } from './text-line.ts';

/** A heading is at least this much larger than body text, or bold at body size. */
const HEADING_SIZE_RATIO = 1.1;
const MAX_HEADING_LINES = 3;
const MAX_HEADING_CHARACTERS = 200;
/** Bold body-size lines this short may be headings (longer ones are emphasised paragraphs). */
const MAX_BOLD_HEADING_CHARACTERS = 120;
/** Italic alone is a weaker sign: only a short standalone line that is not a caption counts. */
const MAX_ITALIC_HEADING_CHARACTERS = 60;
const CAPTION = /^(fig(ure)?|table|tab|source|note|photo)\b/i;

/** Sizes closer than this ratio are one heading level. */
const SAME_LEVEL_RATIO = 0.95;
/** Font sizes alone do not tell more nesting than this. */
const MAX_INFERRED_LEVEL = 4;

const hasWords = (text: string) => /\p{L}{2,}/u.test(text);

interface Candidate {
  group: LineGroup;
  text: string;
  size: number;
}

function headingCandidate(group: LineGroup, body: number): Candidate | undefined {
  const first = group.lines[0]!;
  const text = joinGroupText(group.lines);
  const fullText = group.listItem ? `${group.listItem.marker} ${text}` : text;
  if (first.declaredBody || group.lines.every((line) => line.monospace)) return undefined;
  if (first.declaredHeadingLevel !== undefined) return { group, text: fullText, size: first.fontSize };
  if (group.lines.length > MAX_HEADING_LINES || fullText.length > MAX_HEADING_CHARACTERS || !hasWords(fullText)) return undefined;
  const size = Math.max(...group.lines.map((line) => line.fontSize));
  const larger = size >= body * HEADING_SIZE_RATIO;
  const bodySized = size >= body * 0.95;
  const boldShort = group.lines.every((line) => line.bold) && bodySized && fullText.length <= MAX_BOLD_HEADING_CHARACTERS;
  const italicShort =
    group.lines.length === 1 && group.lines[0]!.italic === true && bodySized && fullText.length <= MAX_ITALIC_HEADING_CHARACTERS && !/[.,;:]$/.test(fullText) && !CAPTION.test(fullText);
  const sentenceLike = /[.,;]$/.test(fullText) && fullText.split(' ').length > 8;
  return (larger || boldShort || italicShort) && !sentenceLike ? { group, text: fullText, size } : undefined;
}

/**
 * Heading levels by size: the largest size is level 1, bold body-size text the deepest. Sizes within
 * 5 % share a level, and levels stop at 4: cover pages use many display sizes that are not nesting.
 */
function levelsBySize(candidates: readonly Candidate[]): Map<number, number> {
  const sizes = [...new Set(candidates.filter((c) => c.group.lines[0]!.declaredHeadingLevel === undefined).map((c) => roundSize(c.size)))];
  sizes.sort((a, b) => b - a);
  const levels = new Map<number, number>();
  let level = 0;
  let previous = Infinity;
  for (const size of sizes) {
    if (size < previous * SAME_LEVEL_RATIO) level = Math.min(MAX_INFERRED_LEVEL, level + 1);
    levels.set(size, Math.max(1, level));
    previous = size;
  }
  return levels;
}

function toBodyBlock(group: LineGroup): DocumentBlock {
  const page = group.lines[0]!.page;
  if (group.lines.every((line) => line.monospace)) return { type: 'code', text: group.lines.map((line) => line.text).join('\n'), page };
  const text = joinGroupText(group.lines);
  if (group.listItem) return { type: 'listItem', text, depth: group.listItem.depth, ordered: group.listItem.ordered, page };
  return { type: 'paragraph', text, page };
}

/**
 * Decides which groups are headings (declared by the file, larger than body text, or short bold
 * lines) and gives each a level from its font size; everything else becomes paragraphs and list items.
 */
export function classifyHeadings(groups: readonly LineGroup[]): DocumentBlock[] {
  const body = bodyFontSize(groups.flatMap((group) => group.lines));
  const candidates = new Map<LineGroup, Candidate>();
  for (const group of groups) {
    const candidate = headingCandidate(group, body);
    if (candidate) candidates.set(group, candidate);
  }
  const levels = levelsBySize([...candidates.values()]);
  return groups.map((group) => {
    const candidate = candidates.get(group);
    if (!candidate) return toBodyBlock(group);
    const declared = group.lines[0]!.declaredHeadingLevel;
    const level = declared ?? levels.get(roundSize(candidate.size)) ?? 1;
    return { type: 'heading', level, text: candidate.text, page: group.lines[0]!.page };
  });
}
