import type { RssSample } from './sample-tree-rss.ts';

const MEBIBYTE = 1024 * 1024;
const toMb = (bytes: number) => Math.round(bytes / MEBIBYTE);

function median(values: number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export interface MemorySummary {
  /** Median RSS of the whole tree once warmed up: what the instance holds while the mix runs. */
  steadyMb: number;
  /** Highest RSS of the whole tree at any sample. */
  peakMb: number;
  /** Median of the hub process alone, last window minus first window after warm-up: leaks show here. */
  growthMb: number;
  /** Share of samples with a parser child running. */
  childShare: number;
}

/**
 * Steady, peak and growth from RSS samples. Growth compares the hub process alone (children come and
 * go with uploads) over equally long windows at the start and the end of the measured period.
 */
export function summarizeSamples(samples: RssSample[], warmUpMs: number, windowMs: number): MemorySummary {
  const measured = samples.filter((sample) => sample.at >= warmUpMs);
  if (measured.length === 0) throw new Error('no samples after the warm-up: run longer');
  const end = measured.at(-1)!.at;
  const first = measured.filter((sample) => sample.at < warmUpMs + windowMs).map((sample) => sample.hubBytes);
  const last = measured.filter((sample) => sample.at > end - windowMs).map((sample) => sample.hubBytes);
  return {
    steadyMb: toMb(median(measured.map((sample) => sample.treeBytes))),
    peakMb: toMb(Math.max(...samples.map((sample) => sample.treeBytes))),
    growthMb: toMb(median(last) - median(first)),
    childShare: measured.filter((sample) => sample.children > 0).length / measured.length,
  };
}
