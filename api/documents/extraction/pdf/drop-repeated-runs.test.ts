import { describe, expect, it } from 'vitest';
import { dropRepeatedRuns } from './drop-repeated-runs.ts';
import type { Run } from './text-run.ts';

const run = (text: string, x0: number, baseline = 100, fontSize = 10): Run => ({
  text,
  x0,
  x1: x0 + text.length * fontSize * 0.5,
  baseline,
  fontSize,
  bold: false,
  italic: false,
  monospace: false,
  headingLevel: undefined,
  rtl: false,
  fontId: 'f1',
});

describe('dropRepeatedRuns', () => {
  it('keeps one copy of a run drawn again at the same place or a fraction of a point away (fake bold, shadow)', () => {
    const kept = dropRepeatedRuns([run('Keep a full tank of gas', 72), run('Keep a full tank of gas', 72), run('Keep a full tank of gas', 72.4, 100.3)]);
    expect(kept).toHaveLength(1);
  });

  it('keeps the longer of two copies of a frame when one was cut short', () => {
    const kept = dropRepeatedRuns([run('about your emerge', 72), run('about your emergency plans.', 72)]);
    expect(kept.map((entry) => entry.text)).toEqual(['about your emergency plans.']);
  });

  it('keeps the same text on the next line, in the next cell and as a sign next to itself', () => {
    const kept = dropRepeatedRuns([run('Yes', 72), run('Yes', 72, 112), run('Yes', 150), run('=', 300), run('=', 303)]);
    expect(kept).toHaveLength(5);
  });
});
