import { describe, expect, it } from 'vitest';
import { formatDiscordMarkdown } from '../discord/format-discord-markdown.ts';
import { formatMatrixMessages, MATRIX_HTML_BYTE_LIMIT } from '../matrix/format-matrix-html.ts';
import { formatTelegramHtml } from '../telegram/format-telegram-html.ts';
import type { ReplyBlock } from './render-reply.ts';

const reply: ReplyBlock[] = [
  { style: 'note', text: 'Quotes, not a written answer:' },
  { style: 'text', text: 'Use <1 cup> of bleach & *never* mix it. # Not a heading [x](http://evil)' },
  { style: 'heading', text: 'Sources' },
  { style: 'list', text: '1. Water_guide — p. 2' },
];

describe('platform formats of the same reply', () => {
  it('Telegram: HTML with everything from the core escaped', () => {
    expect(formatTelegramHtml(reply)).toEqual([
      '<i>Quotes, not a written answer:</i>\n\nUse &lt;1 cup&gt; of bleach &amp; *never* mix it. # Not a heading [x](http://evil)\n\n<b>Sources</b>\n1. Water_guide — p. 2',
    ]);
  });

  it('Discord: Markdown with the core\'s text escaped, so it shows literally', () => {
    const [message] = formatDiscordMarkdown(reply);
    expect(message).toContain('_Quotes, not a written answer:_');
    expect(message).toContain('\\*never\\*');
    expect(message).toContain('**Sources**\n1. Water\\_guide — p. 2');
    expect(message).toContain('\\[x](http://evil)');
    expect(formatDiscordMarkdown([{ style: 'text', text: '# Shout' }])).toEqual(['\\# Shout']);
  });

  it('Matrix: a plain body for every client and an escaped formatted_body', () => {
    expect(formatMatrixMessages(reply)).toEqual([
      {
        body: 'Quotes, not a written answer:\n\nUse <1 cup> of bleach & *never* mix it. # Not a heading [x](http://evil)\n\nSources\n1. Water_guide — p. 2',
        formatted_body:
          '<p><em>Quotes, not a written answer:</em></p><p>Use &lt;1 cup&gt; of bleach &amp; *never* mix it. # Not a heading [x](http://evil)</p><p><strong>Sources</strong></p><p>1. Water_guide — p. 2</p>',
      },
    ]);
  });

  it('keeps each platform under its size limit, multi-byte text included', () => {
    const long: ReplyBlock[] = [{ style: 'text', text: 'Вода & <хлор> '.repeat(4000) }];
    expect(formatTelegramHtml(long).every((m) => m.length <= 4096)).toBe(true);
    expect(formatDiscordMarkdown(long).every((m) => m.length <= 2000)).toBe(true);
    expect(formatMatrixMessages(long).every((m) => Buffer.byteLength(m.formatted_body) <= MATRIX_HTML_BYTE_LIMIT)).toBe(true);
  });
});

describe('quotes and tables in each platform’s own form', () => {
  const quoted: ReplyBlock[] = [
    { style: 'label', text: '[1] Water guide' },
    { style: 'quote', text: 'Boil water <1 minute>.\nThen let it cool.' },
    { style: 'table', text: '| Water | Bleach |\n| 1 gallon | 8 drops |' },
  ];

  it('Telegram: <blockquote> and a <pre> table', () => {
    expect(formatTelegramHtml(quoted)).toEqual(['<b>[1] Water guide</b>\n<blockquote>Boil water &lt;1 minute&gt;.\nThen let it cool.</blockquote>\n\n<pre>Water    | Bleach\n---------+--------\n1 gallon | 8 drops</pre>']);
  });

  it('Discord: "> " on every quoted line and a code block table', () => {
    expect(formatDiscordMarkdown(quoted)).toEqual(['**[1] Water guide**\n> Boil water <1 minute>.\n> Then let it cool.\n\n```\nWater    | Bleach\n---------+--------\n1 gallon | 8 drops\n```']);
  });

  it('Matrix: <blockquote> and an HTML table, with a readable plain body', () => {
    expect(formatMatrixMessages(quoted)).toEqual([
      {
        body: '[1] Water guide\n> Boil water <1 minute>.\n> Then let it cool.\n\nWater    | Bleach\n---------+--------\n1 gallon | 8 drops',
        formatted_body:
          '<p><strong>[1] Water guide</strong></p><blockquote>Boil water &lt;1 minute&gt;.<br>Then let it cool.</blockquote><table><thead><tr><th>Water</th><th>Bleach</th></tr></thead><tbody><tr><td>1 gallon</td><td>8 drops</td></tr></tbody></table>',
      },
    ]);
  });

  it('splits a long run of quotes so every message holds whole quotes', () => {
    const many: ReplyBlock[] = Array.from({ length: 80 }, (_, i) => [
      { style: 'label' as const, text: `[${(i % 3) + 1}] Guide ${i}` },
      { style: 'quote' as const, text: `Passage ${i}: ${'keep water cool and dark. '.repeat(4)}` },
    ]).flat();
    const messages = formatTelegramHtml(many);
    expect(messages.length).toBeGreaterThan(1);
    for (const message of messages) {
      expect(message.split('<blockquote>').length).toBe(message.split('</blockquote>').length);
      expect(message.trimEnd().endsWith('</b>')).toBe(false);
    }
  });
});
