import { describe, expect, it } from 'vitest';
import { assembleDocument } from './assemble-document.ts';
import { buildSections } from './build-sections.ts';
import type { DocumentBlock } from './document-block.ts';
import { renderMarkdown } from './render-markdown.ts';

const blocks: DocumentBlock[] = [
  { type: 'paragraph', text: 'Read this first.', page: 1 },
  { type: 'heading', level: 1, text: 'Water', page: 1 },
  { type: 'paragraph', text: 'Store water.', page: 1 },
  { type: 'heading', level: 2, text: 'Disinfecting with bleach', page: 2 },
  { type: 'listItem', text: 'two drops per litre', depth: 0, ordered: true, page: 2 },
  { type: 'listItem', text: 'wait 30 minutes', depth: 0, ordered: true, page: 3 },
  { type: 'heading', level: 1, text: 'Food', page: 4 },
  { type: 'table', rows: [['Item', 'Days'], ['Rice | dry', '365']], page: 4 },
];

describe('buildSections', () => {
  it('builds heading paths, levels, page spans and section Markdown', () => {
    const sections = buildSections(blocks);
    expect(sections.map(({ path, level, pageStart, pageEnd }) => ({ path, level, pageStart, pageEnd }))).toEqual([
      { path: [], level: 0, pageStart: 1, pageEnd: 1 },
      { path: ['Water'], level: 1, pageStart: 1, pageEnd: 1 },
      { path: ['Water', 'Disinfecting with bleach'], level: 2, pageStart: 2, pageEnd: 3 },
      { path: ['Food'], level: 1, pageStart: 4, pageEnd: 4 },
    ]);
    expect(sections[2]!.markdown).toBe('1. two drops per litre\n2. wait 30 minutes');
    expect(sections[3]!.markdown).toBe('| Item | Days |\n| --- | --- |\n| Rice \\| dry | 365 |');
  });
});

describe('renderMarkdown', () => {
  it('writes headings, escaped paragraphs, numbered lists and pipe tables', () => {
    const markdown = renderMarkdown([{ type: 'paragraph', text: '# not a heading', page: null }, ...blocks.slice(1, 6)]);
    expect(markdown).toBe('\\# not a heading\n\n# Water\n\nStore water.\n\n## Disinfecting with bleach\n\n1. two drops per litre\n2. wait 30 minutes\n');
  });
});

describe('assembleDocument', () => {
  it('takes the first top heading as title and guesses the language', () => {
    const document = assembleDocument({
      blocks: [...blocks, { type: 'paragraph', text: 'The water in the tank is safe and the food is in the cellar, so the family can stay for a week and wait for help.', page: 4 }],
      pageCount: 4,
      processingMode: 'local_full',
      needsFullProcessing: false,
    });
    expect(document).toMatchObject({ title: 'Water', language: 'en', pageCount: 4 });
  });
});
