/**
 * `npm run bench:cloud-memory [-- --minutes 5]`: the cloud configuration (`node cli/hub.ts start`,
 * DEPLOYMENT_MODE=cloud, admin panel on) against the local PostgreSQL (its own database) and a fake
 * Groq, driven by uploads (the resilience guides, the hostile corpus and a Flate-bomb PDF), questions
 * and admin page loads for several minutes. Samples the RSS of the hub and every process it starts,
 * prints `steady RSS N MB` and `peak RSS N MB`, and exits 1 when the 512 MB instance's budget is broken.
 * See docs/cloud-memory.md for the method and the figures.
 */
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { makePdfBomb } from '../test/fixtures/make-fixtures.ts';
import { corpusRoot } from '../test/fixtures/corpus.ts';
import { driveLoad, readCorpusFolder, type UploadFile } from './cloud-memory/drive-load.ts';
import { sampleTreeRss } from './cloud-memory/sample-tree-rss.ts';
import { startCloudHub } from './cloud-memory/start-cloud-hub.ts';
import { summarizeSamples } from './cloud-memory/summarize-samples.ts';

const STEADY_BUDGET_MB = 300;
const PEAK_BUDGET_MB = 420;
/** Start-up and the first round of module loading (AdminJS, pdf.js's code cache) are not "steady". */
const WARM_UP_MS = 45_000;
/** Growth compares the first and the last minute of the measured period. */
const GROWTH_WINDOW_MS = 60_000;
const GROWTH_LIMIT_MB = 15;
/** Like the issue's: ~300 MB of spaces behind 292 KB of Flate. */
const BOMB_INFLATED_MB = 300;

const { values } = parseArgs({
  options: {
    minutes: { type: 'string', default: '5' },
    'database-url': { type: 'string', default: 'postgresql://postgres@127.0.0.1:55433/postgres' },
    /** Writes every sample (ms, tree MB, hub MB, children) as CSV, to see where the memory went. */
    samples: { type: 'string' },
  },
});
const minutes = Number(values.minutes);

/** The bomb first, then guides and hostile files in turn, so a short run meets both kinds. */
async function uploadSet(): Promise<UploadFile[]> {
  const folders = ['resilience', 'hostile'].map((folder) => {
    const full = path.join(corpusRoot, folder);
    if (existsSync(full)) return readCorpusFolder(full);
    console.warn(`(no ${full}: the mix runs without those files)`);
    return [];
  });
  const longest = Math.max(...folders.map((files) => files.length));
  const interleaved = Array.from({ length: longest }, (_, index) => folders.map((files) => files[index])).flat();
  return [{ name: 'flate-bomb.pdf', bytes: await makePdfBomb(BOMB_INFLATED_MB) }, ...interleaved.filter((file): file is UploadFile => file !== undefined)];
}

const files = await uploadSet();
const hub = await startCloudHub(values['database-url']!);
const sampler = sampleTreeRss(hub.process.pid!);
const counts = await driveLoad(hub.url, files, Date.now() + WARM_UP_MS + minutes * 60_000).finally(() => sampler.stop());
await hub.stop();

if (values.samples) {
  const mb = (bytes: number) => (bytes / 1048576).toFixed(1);
  await writeFile(values.samples, ['ms,tree_mb,hub_mb,children', ...sampler.samples.map((s) => `${s.at},${mb(s.treeBytes)},${mb(s.hubBytes)},${s.children}`)].join('\n'));
}
const summary = summarizeSamples(sampler.samples, WARM_UP_MS, GROWTH_WINDOW_MS);
const [load1, load5] = os.loadavg();
console.log(`${minutes} min after ${WARM_UP_MS / 1000} s warm-up; ${os.cpus().length} cores, load average ${load1!.toFixed(1)} (1 min) ${load5!.toFixed(1)} (5 min)`);
console.log(`uploads ${counts.uploads} (ready ${counts.ready}, failed ${counts.failed}, left for a local instance ${counts.leftForLocal}), questions ${counts.questions}, admin pages ${counts.adminPages}`);
console.log(`parser child running ${Math.round(summary.childShare * 100)} % of the time`);
if (counts.errors.length > 0) console.log(`errors:\n  ${counts.errors.join('\n  ')}`);
console.log(`steady RSS ${summary.steadyMb} MB`);
console.log(`peak RSS ${summary.peakMb} MB`);
console.log(`growth ${summary.growthMb} MB (hub process, first vs last minute)`);
const met = summary.steadyMb <= STEADY_BUDGET_MB && summary.peakMb <= PEAK_BUDGET_MB && summary.growthMb <= GROWTH_LIMIT_MB;
console.log(`budget (steady <= ${STEADY_BUDGET_MB}, peak <= ${PEAK_BUDGET_MB}, growth <= ${GROWTH_LIMIT_MB} MB): ${met ? 'met' : 'NOT met'}`);
process.exitCode = met ? 0 : 1;
