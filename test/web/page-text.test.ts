import { describe, expect, it } from 'vitest';
import { parseEvent } from '../../web/src/api/read-event-stream.ts';
import { en } from '../../web/src/i18n/en.ts';
import { pickCatalogue, t } from '../../web/src/i18n/translate.ts';
import { toAnswerBlocks } from '../../web/src/lib/answer-blocks.ts';
import { citationSection, formatPages, tierLabel } from '../../web/src/lib/labels.ts';

describe('the page\'s answer text', () => {
  it('turns [n] into references only when source n exists, and keeps quotes and lists apart', () => {
    const blocks = toAnswerBlocks('No language model is reachable:\n\n[1] Water Guide (p. 2)\n> Add 8 drops [1].\n> Wait [9] minutes.\n\n- boil [2]\n- store', 2);
    expect(blocks).toEqual([
      { kind: 'paragraph', lines: [[{ text: 'No language model is reachable:' }]] },
      { kind: 'paragraph', lines: [[{ ref: 1 }, { text: ' Water Guide (p. 2)' }]] },
      { kind: 'quote', lines: [[{ text: 'Add 8 drops ' }, { ref: 1 }, { text: '.' }], [{ text: 'Wait [9] minutes.' }]] },
      { kind: 'list', lines: [[{ text: 'boil ' }, { ref: 2 }], [{ text: 'store' }]] },
    ]);
  });

  it('never treats the answer as HTML', () => {
    expect(toAnswerBlocks('<img src=x onerror=alert(1)>', 0)).toEqual([{ kind: 'paragraph', lines: [[{ text: '<img src=x onerror=alert(1)>' }]] }]);
  });

  it('reads server-sent events and skips what is not an event', () => {
    expect(parseEvent('event: token\ndata: {"type":"token","text":"Add"}')).toEqual({ type: 'token', text: 'Add' });
    expect(parseEvent(': keep-alive')).toBeNull();
    expect(parseEvent('data: not json')).toBeNull();
  });
});

describe('the page\'s words', () => {
  it('fills placeholders and names tiers, including ones it does not know yet', () => {
    expect(t('answer.tier', { tier: tierLabel('extractive') })).toBe('Answered by: quoted passages (no language model reachable)');
    expect(tierLabel('some-new-tier')).toBe('some-new-tier');
  });

  it('falls back to English for languages without a catalogue', () => {
    expect(pickCatalogue(['de-DE', 'fr']).lang).toBe('en');
    expect(pickCatalogue(['en-GB']).messages).toBe(en);
  });

  it('keeps every placeholder a message uses written as {name}', () => {
    for (const [key, text] of Object.entries(en)) expect(text.replace(/\{\w+\}/g, ''), key).not.toMatch(/[{}]/);
  });

  it('shows pages and sections short', () => {
    expect(formatPages([3, 2])).toBe('2–3');
    expect(formatPages([1, 4])).toBe('1, 4');
    const citation = { documentId: 'd', filename: 'guide.pdf', title: 'Water Guide', section: 'Water Guide > Boiling', pages: [3], snippet: '' };
    expect(citationSection(citation)).toBe('Boiling');
    expect(citationSection({ ...citation, section: 'Water Guide' })).toBeNull();
  });
});
