import { describe, expect, it } from 'vitest';
import { normalizeChatText } from './normalize-chat-text.ts';
import { sameWord, stemWord } from './stem-word.ts';

describe('chat text and word matching', () => {
  it('spells out chat shorthand and apostrophe-less contractions, and keeps real words', () => {
    expect(normalizeChatText('wat shud i do w/o power, im stuck n dont know')).toBe('what should i do without power, i am stuck and do not know');
    expect(normalizeChatText("it isn't safe, can't go, won't stay, the dog's bowl")).toBe('it is not safe, cannot go, will not stay, the dog bowl');
    expect(normalizeChatText('N95 masks for the US and ID cards')).toBe('N95 masks for the US and ID cards');
  });

  it('matches inflections and compounds written either way, and not unrelated words', () => {
    expect(stemWord('gallons')).toBe(stemWord('gallon'));
    expect(sameWord('driving', 'drive')).toBe(true);
    expect(sameWord('flooded', 'flood')).toBe(true);
    expect(sameWord('disinfection', 'disinfect')).toBe(true);
    expect(sameWord('batteries', 'battery')).toBe(true);
    expect(sameWord('water', 'waiter')).toBe(false);
    expect(sameWord('bus', 'bu')).toBe(false);
  });
});
