import { describe, expect, it } from 'vitest';
import { BUILTIN_DIMENSIONS, createBuiltinEmbedder, embedText } from './builtin-embedder.ts';

const cosine = (a: number[], b: number[]) => a.reduce((sum, x, i) => sum + x * b[i]!, 0);

describe('built-in embedder', () => {
  it('is deterministic and unit length', async () => {
    const [a, b] = await createBuiltinEmbedder().embed(['Boil water for one minute.', 'Boil water for one minute.'], 'document');
    expect(a).toEqual(b);
    expect(a).toHaveLength(BUILTIN_DIMENSIONS);
    expect(cosine(a!, a!)).toBeCloseTo(1, 3);
  });

  it('keeps misspelled and inflected words closer than unrelated topics', () => {
    const bleach = embedText('how many drops of bleach per gallon');
    expect(cosine(bleach, embedText('drops of bleach per gallon'))).toBeGreaterThan(0.9);
    // Character 4-grams overlap partly ("<gal", "drop"); typos are mainly fixed by pg_trgm on the full-text side.
    expect(cosine(bleach, embedText('bleech drop per galons'))).toBeGreaterThan(0.2);
    expect(cosine(bleach, embedText('tornado safe room basement'))).toBeLessThan(0.02);
  });

  it('ignores function words: a question made of them has no topic', () => {
    expect(cosine(embedText('what is the'), embedText('how do you'))).toBeGreaterThan(0.99);
  });
});
