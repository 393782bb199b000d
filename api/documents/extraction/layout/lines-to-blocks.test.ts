import { describe, expect, it } from 'vitest';
import { linesToBlocks } from './lines-to-blocks.ts';
import { orderReading } from './order-reading.ts';
import type { TextLine } from './text-line.ts';

const line = (text: string, x0: number, y0: number, options: Partial<TextLine> = {}): TextLine => ({
  text,
  x0,
  y0,
  x1: x0 + (options.x1 ?? 200),
  y1: y0 + 12,
  fontSize: 10,
  bold: false,
  page: 1,
  ...options,
  ...(options.x1 === undefined ? {} : { x1: options.x1 }),
});
const page = { page: 1, width: 612, height: 792 };

describe('orderReading', () => {
  it('reads a full-width title, then the left column, then the right column', () => {
    const title = line('Title across both columns', 72, 60, { x1: 540 });
    const left = [0, 1, 2, 3].map((index) => line(`left ${index}`, 72, 100 + index * 14, { x1: 290 }));
    const right = [0, 1, 2, 3].map((index) => line(`right ${index}`, 320, 100 + index * 14, { x1: 540 }));
    const shuffled = [right[2]!, left[0]!, title, right[0]!, left[3]!, left[1]!, right[1]!, right[3]!, left[2]!];
    expect(orderReading(shuffled).map((entry) => entry.text)).toEqual([
      'Title across both columns', 'left 0', 'left 1', 'left 2', 'left 3', 'right 0', 'right 1', 'right 2', 'right 3',
    ]);
  });

  it('keeps a single column top to bottom', () => {
    const lines = [line('second', 72, 120), line('first', 72, 100), line('third', 72, 140)];
    expect(orderReading(lines).map((entry) => entry.text)).toEqual(['first', 'second', 'third']);
  });
});

describe('linesToBlocks', () => {
  it('gives larger fonts higher heading levels and joins body lines into paragraphs', () => {
    const blocks = linesToBlocks([
      line('Emergency Kit', 72, 60, { fontSize: 20, bold: true }),
      line('Pack water, food and a torch for', 72, 90),
      line('every member of the household.', 72, 104),
      line('Documents', 72, 140, { fontSize: 14, bold: true }),
      line('Keep copies of passports in a dry bag.', 72, 165),
    ], [page]);
    expect(blocks).toEqual([
      { type: 'heading', level: 1, text: 'Emergency Kit', page: 1 },
      { type: 'paragraph', text: 'Pack water, food and a torch for every member of the household.', page: 1 },
      { type: 'heading', level: 2, text: 'Documents', page: 1 },
      { type: 'paragraph', text: 'Keep copies of passports in a dry bag.', page: 1 },
    ]);
  });

  it('rejoins hyphenated words and turns bullets into list items', () => {
    const blocks = linesToBlocks([
      line('Turn off the gas at the me-', 72, 60),
      line('ter before you leave.', 72, 74),
      line('• bring a radio', 90, 110),
      line('• bring spare batteries', 90, 124),
    ], [page]);
    expect(blocks[0]).toMatchObject({ type: 'paragraph', text: 'Turn off the gas at the meter before you leave.' });
    expect(blocks.slice(1)).toEqual([
      { type: 'listItem', text: 'bring a radio', depth: 0, ordered: false, page: 1 },
      { type: 'listItem', text: 'bring spare batteries', depth: 0, ordered: false, page: 1 },
    ]);
  });

  it('uses the heading level a tagged PDF declares even at body size', () => {
    const blocks = linesToBlocks([line('Shelters', 72, 60, { declaredHeadingLevel: 2 }), line('Open at night.', 72, 90, { declaredBody: true })], [page]);
    expect(blocks[0]).toEqual({ type: 'heading', level: 2, text: 'Shelters', page: 1 });
  });

  it('continues a paragraph over a page break, but not after a finished sentence', () => {
    const pages = [page, { ...page, page: 2 }];
    const text = (body: string[]) => [
      line('Store water in clean containers and keep them in a cool dark', 72, 700, { fontSize: 14 }),
      line(body[0]!, 72, 718, { fontSize: 14 }),
      line(body[1]!, 72, 60, { fontSize: 14, page: 2 }),
      line('Rotate the supply every six months so it stays fresh to drink.', 72, 90, { page: 2 }),
      line('Label each container with the date it was filled for later.', 72, 104, { page: 2 }),
    ];
    const running = linesToBlocks(text(['place away from chemicals and', 'fuel so the water stays safe.']), pages);
    expect(running[0]).toMatchObject({ type: 'paragraph', text: expect.stringContaining('chemicals and fuel so the water') });
    const ended = linesToBlocks(text(['place, away from chemicals.', 'Emergency Food Supplies']), pages);
    expect(ended.map((block) => block.type)).toEqual(['paragraph', 'heading', 'paragraph']);
    expect(ended[1]).toMatchObject({ text: 'Emergency Food Supplies', page: 2 });
  });
});
