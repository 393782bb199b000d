import type { PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';

interface OutlineItem {
  title: string;
  dest: string | unknown[] | null;
  items: OutlineItem[];
}

const MAX_OUTLINE_ITEMS = 2000;
const MAX_OUTLINE_DEPTH = 6;

/** A bookmark: its depth (1 = top) and the page it points to, when that can be resolved. */
export interface OutlineHeading {
  level: number;
  pages: Set<number>;
}

/** Bookmark titles (normalised) to their depth and target pages: a heading signal independent of fonts. */
export type OutlineHeadings = Map<string, OutlineHeading>;

/** How bookmark titles and page lines are compared: numbering, case and spacing ignored. */
export function normaliseHeadingText(text: string): string {
  return text
    .toLowerCase()
    .replace(/^[\s\d.ivx]+(?=\s\p{L})/u, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

async function targetPage(document: PDFDocumentProxy, dest: OutlineItem['dest']): Promise<number | undefined> {
  try {
    const explicit = typeof dest === 'string' ? await document.getDestination(dest) : dest;
    const reference = explicit?.[0];
    if (typeof reference === 'number') return reference + 1;
    if (reference && typeof reference === 'object') return (await document.getPageIndex(reference as { num: number; gen: number })) + 1;
  } catch {
    // A broken destination only loses the page check for this bookmark.
  }
  return undefined;
}

/**
 * The bookmark outline as heading hints. A line counts as a bookmarked heading only on the page the
 * bookmark points to, so a table of contents listing the same titles is not taken for headings.
 */
export async function readOutlineHeadings(document: PDFDocumentProxy): Promise<OutlineHeadings> {
  const headings: OutlineHeadings = new Map();
  const outline = (await document.getOutline().catch(() => null)) as OutlineItem[] | null;
  let visited = 0;
  const visit = async (items: OutlineItem[], depth: number): Promise<void> => {
    for (const item of items) {
      if (visited++ >= MAX_OUTLINE_ITEMS || depth > MAX_OUTLINE_DEPTH) return;
      const key = normaliseHeadingText(item.title ?? '');
      const page = await targetPage(document, item.dest);
      if (key) {
        const heading = headings.get(key) ?? { level: depth, pages: new Set<number>() };
        if (page !== undefined) heading.pages.add(page);
        headings.set(key, heading);
      }
      await visit(item.items ?? [], depth + 1);
    }
  };
  await visit(outline ?? [], 1);
  return headings;
}

/** The bookmark level of a line of text on a page, or undefined when no bookmark points there. */
export function outlineLevelOf(headings: OutlineHeadings, text: string, page: number): number | undefined {
  const heading = headings.get(normaliseHeadingText(text));
  if (!heading) return undefined;
  return heading.pages.size === 0 || heading.pages.has(page) ? heading.level : undefined;
}
