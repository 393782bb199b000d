import { describe, expect, it } from 'vitest';
import { splitText } from './split-text.ts';

/** Deterministic pseudo-random words (no Math.random: failures must reproduce). */
function words(count: number, seed: number): string {
  let state = seed;
  const next = () => (state = (state * 1_103_515_245 + 12_345) % 2 ** 31);
  return Array.from({ length: count }, () => 'abcdefghij'.slice(0, 1 + (next() % 10)) + ['', '.', '\n', '\n\n', ' 🌊'][next() % 5]).join(' ');
}

describe('splitText', () => {
  it('leaves a short text whole', () => {
    expect(splitText('  Boil water.  ', 100)).toEqual(['Boil water.']);
  });

  it('cuts between paragraphs, then lines, then sentences, then words', () => {
    expect(splitText('First part here.\n\nSecond part.', 20)).toEqual(['First part here.', 'Second part.']);
    expect(splitText('Line one is here\nline two', 20)).toEqual(['Line one is here', 'line two']);
    expect(splitText('One sentence here. Two more words', 22)).toEqual(['One sentence here.', 'Two more words']);
    expect(splitText('alpha beta gamma delta', 12)).toEqual(['alpha beta', 'gamma delta']);
  });

  it('cuts a word with no spaces hard, but never inside an emoji', () => {
    expect(splitText('abcdefghij', 4)).toEqual(['abcd', 'efgh', 'ij']);
    const pieces = splitText('aaa🌊bbb', 4);
    expect(pieces).toEqual(['aaa', '🌊bb', 'b']);
  });

  it('keeps every piece within the limit and loses no text, for many texts and limits', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const text = words(200, seed);
      const limit = 10 + seed * 7;
      const pieces = splitText(text, limit);
      expect(pieces.every((piece) => piece.length > 0 && piece.length <= limit)).toBe(true);
      expect(pieces.join('').replace(/\s/g, '')).toBe(text.replace(/\s/g, ''));
    }
  });

  it('rejects a limit too small to make progress', () => {
    expect(() => splitText('abc', 1)).toThrow(RangeError);
  });
});
