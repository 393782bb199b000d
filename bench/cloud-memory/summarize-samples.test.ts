import { describe, expect, it } from 'vitest';
import type { RssSample } from './sample-tree-rss.ts';
import { summarizeSamples } from './summarize-samples.ts';

const MB = 1024 * 1024;
const at = (seconds: number, hubMb: number, childMb = 0): RssSample => ({ at: seconds * 1000, hubBytes: hubMb * MB, treeBytes: (hubMb + childMb) * MB, children: childMb ? 1 : 0 });

describe('summarizeSamples', () => {
  it('reports the median tree after warm-up as steady, the highest tree as peak, and hub growth between windows', () => {
    const samples = [at(0, 400), at(5, 200), at(15, 200), at(20, 210, 150), at(30, 205), at(40, 230), at(45, 230)];
    const summary = summarizeSamples(samples, 10_000, 10_000);
    expect(summary.peakMb).toBe(400); // the warm-up's peak still counts as a peak
    expect(summary.steadyMb).toBe(230); // 200, 205, 230, 230, 360 -> 230
    expect(summary.growthMb).toBe(30); // first window 200, last window 230
    expect(summary.childShare).toBeCloseTo(1 / 5);
  });

  it('refuses a run with nothing measured after the warm-up', () => {
    expect(() => summarizeSamples([at(1, 100)], 10_000, 10_000)).toThrow(/run longer/);
  });
});
