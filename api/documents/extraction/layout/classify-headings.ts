import type { DocumentBlock } from '../structure/document-block.ts';
import { joinGroupText, type LineGroup } from './group-blocks.ts';
import { headingCandidate, type BodyStyle } from './heading-candidate.ts';
import { continuesBelow, dropLabelRuns, dropTemplateTitles, joinBrokenTitles, type Candidates } from './heading-context.ts';
import { levelsBySize } from './heading-levels.ts';
import { bodyFontSize, roundSize, type TextLine } from './text-line.ts';

/** The face that sets most characters of body-size text. */
function bodyFont(lines: readonly TextLine[], size: number): string | undefined {
  const characters = new Map<string, number>();
  for (const line of lines) {
    if (line.font !== undefined && roundSize(line.fontSize) === size) characters.set(line.font, (characters.get(line.font) ?? 0) + line.text.length);
  }
  return [...characters].reduce<[string | undefined, number]>((best, entry) => (entry[1] > best[1] ? entry : best), [undefined, 0])[0];
}

function toBodyBlock(group: LineGroup): DocumentBlock {
  const page = group.lines[0]!.page;
  if (group.lines.every((line) => line.monospace)) return { type: 'code', text: group.lines.map((line) => line.text).join('\n'), page };
  const text = joinGroupText(group.lines);
  if (group.listItem) return { type: 'listItem', text, depth: group.listItem.depth, ordered: group.listItem.ordered, page };
  return { type: 'paragraph', text, page };
}

/** Groups that look like headings on their own, less those whose sentence goes on below them. */
function findCandidates(groups: readonly LineGroup[], body: BodyStyle): Candidates {
  const candidates: Candidates = new Map();
  groups.forEach((group, index) => {
    const candidate = headingCandidate(group, body);
    const declared = group.lines[0]!.declaredHeadingLevel !== undefined;
    if (candidate && (declared || !continuesBelow(group, groups[index + 1]))) candidates.set(group, candidate);
  });
  return candidates;
}

/**
 * Decides which groups are headings (declared by the file, larger than body text, or short bold
 * lines that read like titles, judged also by what surrounds them) and gives each a level from its
 * font size; everything else becomes paragraphs, list items and code.
 */
export function classifyHeadings(groups: readonly LineGroup[]): DocumentBlock[] {
  const lines = groups.flatMap((group) => group.lines);
  const size = bodyFontSize(lines);
  const body: BodyStyle = { size, font: bodyFont(lines, size) };
  const candidates = findCandidates(groups, body);
  dropLabelRuns(groups, candidates, body);
  dropTemplateTitles(candidates, new Set(lines.map((line) => line.page)).size);
  const absorbed = joinBrokenTitles(groups, candidates);
  const levels = levelsBySize([...candidates.values()]);
  return groups.flatMap((group): DocumentBlock[] => {
    if (absorbed.has(group)) return [];
    const candidate = candidates.get(group);
    if (!candidate) return [toBodyBlock(group)];
    const level = group.lines[0]!.declaredHeadingLevel ?? levels.get(roundSize(candidate.size)) ?? 1;
    return [{ type: 'heading', level, text: candidate.text, page: group.lines[0]!.page }];
  });
}
