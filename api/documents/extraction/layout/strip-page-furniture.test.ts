import { describe, expect, it } from 'vitest';
import { stripPageFurniture } from './strip-page-furniture.ts';
import type { PageBox, TextLine } from './text-line.ts';

const line = (text: string, page: number, y0: number, fontSize = 10): TextLine => ({ text, x0: 72, x1: 300, y0, y1: y0 + fontSize, fontSize, bold: false, page });
const pages: PageBox[] = Array.from({ length: 10 }, (_, index) => ({ page: index + 1, width: 612, height: 792 }));
const body = (page: number) => [200, 214, 228].map((y) => line(`Body text of page ${page} that fills the column with words.`, page, y));

describe('stripPageFurniture', () => {
  it('removes a chapter header at the page edge that repeats on three pages of a long document', () => {
    const header = (page: number) => line(page <= 3 ? '1.1 Getting Informed' : '1.2 Emergency Planning', page, 20);
    const lines = pages.flatMap((box) => [header(box.page), ...body(box.page)]);
    expect(stripPageFurniture(lines, pages).filter((kept) => kept.y0 === 20)).toEqual([]);
  });

  it('keeps a numbered section heading at the top of a page when it is larger than body text', () => {
    const heading = line('2 Insurance coverage today', 4, 60, 13.5);
    const kept = stripPageFurniture([heading, line('7 Issues and answers', 4, 40), ...pages.flatMap((box) => body(box.page))], pages);
    expect(kept).toContain(heading);
    expect(kept.map((entry) => entry.text)).not.toContain('7 Issues and answers');
  });
});
