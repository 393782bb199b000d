import { listProcessTree, readProcessRss } from '../../api/documents/extraction/child/read-process-tree-rss.ts';

export interface RssSample {
  /** Milliseconds since sampling started. */
  at: number;
  /** Resident memory of the hub and every process below it, in bytes. */
  treeBytes: number;
  /** The hub process alone. */
  hubBytes: number;
  /** Processes below the hub (parser children). */
  children: number;
}

const SAMPLE_INTERVAL_MS = 100;

/** Samples the RSS of `pid` and its descendants from /proc every 100 ms until `stop()`. */
export function sampleTreeRss(pid: number): { samples: RssSample[]; stop(): void } {
  const samples: RssSample[] = [];
  const started = Date.now();
  const timer = setInterval(() => {
    const tree = listProcessTree(pid);
    const hubBytes = readProcessRss(pid);
    const treeBytes = tree.reduce((sum, member) => sum + readProcessRss(member), 0);
    if (hubBytes > 0) samples.push({ at: Date.now() - started, treeBytes, hubBytes, children: tree.length - 1 });
  }, SAMPLE_INTERVAL_MS);
  return { samples, stop: () => clearInterval(timer) };
}
