import type { DocumentSection } from '../extracted-document.ts';
import type { DocumentBlock } from './document-block.ts';
import { renderMarkdown } from './render-markdown.ts';

interface OpenSection {
  section: DocumentSection;
  blocks: DocumentBlock[];
}

function pageRange(section: DocumentSection, page: number | null): void {
  if (page === null) return;
  section.pageStart = section.pageStart === null ? page : Math.min(section.pageStart, page);
  section.pageEnd = section.pageEnd === null ? page : Math.max(section.pageEnd, page);
}

/**
 * Cuts the block list at every heading into sections with their heading path (the chain of enclosing
 * headings), level and page span. Text before the first heading becomes a level-0 preamble.
 */
export function buildSections(blocks: readonly DocumentBlock[]): DocumentSection[] {
  const open: OpenSection[] = [];
  const trail: Array<{ level: number; heading: string }> = [];
  let current: OpenSection = { section: { path: [], level: 0, heading: '', pageStart: null, pageEnd: null, markdown: '' }, blocks: [] };
  open.push(current);
  for (const block of blocks) {
    if (block.type === 'heading') {
      while (trail.length > 0 && trail[trail.length - 1]!.level >= block.level) trail.pop();
      trail.push({ level: block.level, heading: block.text });
      current = {
        section: { path: trail.map((entry) => entry.heading), level: block.level, heading: block.text, pageStart: null, pageEnd: null, markdown: '' },
        blocks: [],
      };
      pageRange(current.section, block.page);
      open.push(current);
      continue;
    }
    current.blocks.push(block);
    pageRange(current.section, block.page);
  }
  const sections = open.map(({ section, blocks: body }) => ({ ...section, markdown: renderMarkdown(body).trim() }));
  return sections.filter((section) => section.level > 0 || section.markdown !== '');
}
