import { describe, expect, it } from 'vitest';
import type { DocumentSection } from '../extraction/extracted-document.ts';
import { chunkSections } from './chunk-sections.ts';

const section = (path: string[], markdown: string, pageStart: number | null = 1, pageEnd = pageStart): DocumentSection => ({
  path,
  level: path.length,
  heading: path.at(-1) ?? '',
  pageStart,
  pageEnd,
  markdown,
});

const bleachTable = [
  '| Volume of water | 6% bleach | 8.25% bleach |',
  '| --- | --- | --- |',
  '| 1 quart / 1 liter | 2 drops | 2 drops |',
  '| 1 gallon | 8 drops | 6 drops |',
  '| 2 gallons | 16 drops (1/4 tsp) | 12 drops (1/8 tsp) |',
].join('\n');

describe('chunkSections', () => {
  it('keeps the heading path, page range and order of each chunk', () => {
    const chunks = chunkSections([
      section(['Water'], 'Store at least one gallon of water per person per day. '.repeat(12), 2),
      section(['Water', 'Disinfecting'], `Use unscented household bleach.\n\n${bleachTable}`, 3, 4),
      section(['Food'], 'Keep the refrigerator door closed as much as possible. '.repeat(15), 5),
    ]);
    expect(chunks.map((c) => c.position)).toEqual(chunks.map((_, i) => i));
    const disinfect = chunks.find((c) => c.text.includes('8 drops'))!;
    expect(disinfect.sectionPath[0]).toBe('Water');
    expect(disinfect.pageEnd).toBe(4);
    const food = chunks.find((c) => c.text.includes('refrigerator'))!;
    expect(food.sectionPath).toEqual(['Food']);
    expect(food.pageStart).toBe(5);
  });

  it('keeps a table whole with its header when it fits', () => {
    const [chunk] = chunkSections([section(['Bleach'], bleachTable)]);
    expect(chunk!.text).toContain(bleachTable);
  });

  it('splits a long table between rows and repeats the header in every piece', () => {
    const rows = Array.from({ length: 80 }, (_, i) => `| ${i + 1} gallons | ${(i + 1) * 8} drops | ${(i + 1) * 6} drops |`);
    const table = ['| Volume | 6% | 8.25% |', '| --- | --- | --- |', ...rows].join('\n');
    const chunks = chunkSections([section(['Dose table'], table)], { targetChars: 600, maxChars: 800, minChars: 100 });
    expect(chunks.length).toBeGreaterThan(2);
    for (const chunk of chunks) {
      expect(chunk.text.length).toBeLessThanOrEqual(800);
      expect(chunk.text.startsWith('| Volume | 6% | 8.25% |\n| --- | --- | --- |')).toBe(true);
      expect(chunk.text.split('\n').every((line) => line.startsWith('|') && line.endsWith('|'))).toBe(true);
    }
  });

  it('splits a long checklist between items, never inside one', () => {
    const items = Array.from({ length: 60 }, (_, i) => `- [ ] Item ${i + 1}: flashlight with spare batteries`);
    const chunks = chunkSections([section(['Kit'], items.join('\n'))], { targetChars: 500, maxChars: 700, minChars: 100 });
    expect(chunks.length).toBeGreaterThan(2);
    const lines = chunks.flatMap((c) => c.text.split('\n'));
    expect(lines).toEqual(items);
  });

  it('repeats a long list\'s heading or lead-in in every piece, so each item stays under its title', () => {
    const items = Array.from({ length: 40 }, (_, i) => `- Item ${i + 1}: adhesive bandages and gauze pads`);
    const [byHeading] = [chunkSections([section(['Supplies'], `## First Aid Kit\n${items.join('\n')}`)], { targetChars: 500, maxChars: 700, minChars: 100 })];
    expect(byHeading!.length).toBeGreaterThan(2);
    for (const chunk of byHeading!) expect(chunk.text.startsWith('## First Aid Kit\n- Item')).toBe(true);
    const byLeadIn = chunkSections([section(['Kit'], `Pack these medicines for the kit:\n\n${items.join('\n')}`)], { targetChars: 500, maxChars: 700, minChars: 100 });
    for (const chunk of byLeadIn.slice(1)) expect(chunk.text.startsWith('Pack these medicines for the kit:\n- Item')).toBe(true);
    expect(byLeadIn.flatMap((c) => c.text.split('\n')).filter((line) => line.startsWith('- '))).toEqual(items);
  });

  it('packs tiny sections of a one-page sheet together and shows their headings', () => {
    const chunks = chunkSections([
      section(['Before'], 'Know your evacuation route.'),
      section(['During'], 'Do not walk through flood water.'),
      section(['After'], 'Stay out of damaged buildings.'),
    ]);
    expect(chunks).toHaveLength(1);
    expect(chunks[0]!.text).toContain('# During\nDo not walk through flood water.');
  });

  it('cuts an endless paragraph between sentences and stays under the maximum', () => {
    const paragraph = Array.from({ length: 100 }, (_, i) => `Sentence number ${i} explains one step of the plan.`).join(' ');
    const chunks = chunkSections([section(['Plan'], paragraph)], { targetChars: 600, maxChars: 800, minChars: 100 });
    for (const chunk of chunks) {
      expect(chunk.text.length).toBeLessThanOrEqual(800);
      expect(chunk.text).toMatch(/^Sentence number \d+/);
      expect(chunk.text.endsWith('.')).toBe(true);
    }
  });

  it('returns no chunk for sections without text', () => {
    expect(chunkSections([section([], '   \n\n'), section(['Empty'], '')])).toEqual([]);
  });
});
