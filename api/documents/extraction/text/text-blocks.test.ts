import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../structure/render-markdown.ts';
import { htmlBlocks } from './html-blocks.ts';
import { csvBlocks, markdownBlocks, plainTextBlocks } from './text-blocks.ts';

describe('htmlBlocks', () => {
  it('turns headings, nested lists and tables with spans into Markdown, dropping scripts and styles', () => {
    const html = `<!doctype html><html lang="en"><head><title>Flood plan</title><style>p{color:red}</style></head><body>
      <h1>Flood plan</h1><p>Move <b>up</b>&nbsp;the hill &amp; wait.</p><script>alert(1)</script>
      <ul><li>Radio<ul><li>Batteries</li></ul></li><li>Water</li></ul>
      <h2>Contacts</h2><table><tr><th>Who</th><th>Number</th></tr><tr><td colspan="2">Call 112 first</td></tr></table></body></html>`;
    const { blocks, title, language } = htmlBlocks(html);
    expect({ title, language }).toEqual({ title: 'Flood plan', language: 'en' });
    expect(renderMarkdown(blocks)).toBe(
      '# Flood plan\n\nMove up the hill & wait.\n\n- Radio\n    - Batteries\n- Water\n\n## Contacts\n\n| Who | Number |\n| --- | --- |\n| Call 112 first | Call 112 first |\n',
    );
  });
});

describe('markdownBlocks', () => {
  it('keeps Markdown as written and lifts out headings outside code fences', () => {
    const blocks = markdownBlocks('Intro\n\n# Kit\n\n- water\n\n```\n# not a heading\n```\n\n## Torch\nBatteries.');
    expect(blocks.filter((block) => block.type === 'heading')).toEqual([
      { type: 'heading', level: 1, text: 'Kit', page: null },
      { type: 'heading', level: 2, text: 'Torch', page: null },
    ]);
    expect(blocks[2]).toEqual({ type: 'markdown', text: '- water\n\n```\n# not a heading\n```', page: null });
  });
});

describe('csvBlocks and plainTextBlocks', () => {
  it('reads quoted CSV fields into one table', () => {
    expect(csvBlocks('name;note\n"Ana";"says ""hi""; twice"\nBo;x\n')).toEqual([
      { type: 'table', rows: [['name', 'note'], ['Ana', 'says "hi"; twice'], ['Bo', 'x']], page: null },
    ]);
  });

  it('finds paragraphs, bullet lists and title-like headings in plain text', () => {
    const blocks = plainTextBlocks('BOIL WATER NOTICE\n\nBoil tap water for one minute\nbefore drinking it.\n\n- kettle\n- pot\n');
    expect(blocks).toEqual([
      { type: 'heading', level: 1, text: 'BOIL WATER NOTICE', page: null },
      { type: 'paragraph', text: 'Boil tap water for one minute before drinking it.', page: null },
      { type: 'listItem', text: 'kettle', depth: 0, ordered: false, page: null },
      { type: 'listItem', text: 'pot', depth: 0, ordered: false, page: null },
    ]);
  });
});
