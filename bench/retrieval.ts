/**
 * `npm run bench:retrieval`: retrieval latency and HNSW recall on chunk tables built from real text.
 *
 *   npm run bench:retrieval                     10k and 100k chunks on PostgreSQL and PGlite
 *   npm run bench:retrieval -- --quick          2k chunks (smoke test, ~2 minutes)
 *   options: --sizes 10000,100000  --engines pglite,postgres  --database-url postgresql://...  (default
 *   BENCH_DATABASE_URL, else the CI server postgresql://postgres@127.0.0.1:55433/postgres)
 *   --ef-search 300,500   one row per value on the same table (default: the HNSW_EF_SEARCH default)
 *   --repeat 3            latency blocks per row; p50 / p95 are the medians over the repeats
 *   --keep                PostgreSQL: keep the database hub_bench_<size> and reuse its chunk table and
 *                         index next time (DROP DATABASE it when done)
 *   --rebuild-index       with --keep: build the HNSW index again (builds are not deterministic)
 *   --build-workers 2     parallel HNSW build workers on PostgreSQL (0: one process)
 *   --no-latency          recall and build only
 *   --scopes community,global   latency rows: questions asked from a community (its documents + global
 *                         ones, ~24% of chunks) and/or from outside any community (global only, 20%)
 */
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { parseConfig } from '../api/config/load-config.ts';
import { createLogger } from '../api/logging/create-logger.ts';
import { createRagServices } from '../api/rag/create-rag-services.ts';
import { BUILTIN_DIMENSIONS } from '../api/rag/embeddings/builtin-embedder.ts';
import { readEvalQuestions } from '../scripts/eval/eval-questions.ts';
import { openBenchDatabase, type BenchEngine } from './retrieval/bench-database.ts';
import { loadBasePassages, seededRandom, varyPassages } from './retrieval/build-chunk-texts.ts';
import { measureLatencies, measureRecall, medianOfRuns } from './retrieval/measure-latency.ts';
import { buildVectorIndex, currentVectorIndex, seedChunkTable, seededCommunityIds } from './retrieval/seed-chunk-table.ts';

const repoRoot = path.resolve(import.meta.dirname, '..');
const corpus = path.resolve(repoRoot, '../shared/corpus');
const QUESTIONS = 100;
const RECALL_QUESTIONS = 50;
const SEED = 20261125;

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    sizes: { type: 'string' },
    engines: { type: 'string', default: 'postgres,pglite' },
    'database-url': { type: 'string', default: process.env.BENCH_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:55433/postgres' },
    'ef-search': { type: 'string' },
    repeat: { type: 'string', default: '3' },
    keep: { type: 'boolean', default: false },
    'rebuild-index': { type: 'boolean', default: false },
    'build-workers': { type: 'string', default: '2' },
    'no-latency': { type: 'boolean', default: false },
    scopes: { type: 'string', default: 'community,global' },
  },
});
const sizes = (values.sizes ?? (values.quick ? '2000' : '10000,100000')).split(',').map(Number);
const engines = values.engines!.split(',') as BenchEngine[];
const baseEnv = { LLM_PROVIDER: 'none', EMBEDDINGS_PROVIDER: 'builtin', HUB_DATA_DIR: path.join(repoRoot, 'data/bench') };
const efSearchValues = (values['ef-search'] ?? String(parseConfig(baseEnv).HNSW_EF_SEARCH)).split(',').map(Number);
const repeat = Number(values.repeat);
const scopes = values.scopes!.split(',') as ('community' | 'global')[];
/** The whole 100k-chunk graph fits (a build spilled to disk took 4x longer, for the same recall). */
const BUILD_MEMORY = '1GB';

const questions = [
  ...readEvalQuestions(path.join(repoRoot, 'scripts/eval-data/resilience-questions.jsonl')),
  ...readEvalQuestions(path.join(corpus, 'rag-eval/aragog/eval_questions_relevant_doc.json')),
].map((q) => q.q).slice(0, QUESTIONS);

const log = (message: string) => process.stderr.write(`${message}\n`);
log('extracting and chunking the corpora ...');
const base = await loadBasePassages([path.join(corpus, 'resilience'), path.join(corpus, 'rag-eval/aragog/papers')]);
log(`${base.length} base passages`);

const loadAtStart = os.loadavg();
const rows: string[] = [];
for (const engine of engines) {
  for (const size of sizes) rows.push(...(await benchOne(engine, size)));
}
console.log(formatReport(rows));

async function benchOne(engine: BenchEngine, size: number): Promise<string[]> {
  const { handle, reused } = await openBenchDatabase(engine, values['database-url']!, size, values.keep!);
  const { db } = handle;
  try {
    let communityIds: string[];
    if (reused) {
      communityIds = await seededCommunityIds(db);
      log(`${engine} ${size}: reusing the kept chunk table`);
    } else {
      const texts = varyPassages(base, size, seededRandom(SEED));
      const seeded = await seedChunkTable(db, texts, (done) => done % 10_000 === 0 && log(`${engine} ${size}: ${done} chunks`));
      communityIds = seeded.communityIds;
      log(`${engine} ${size}: inserted in ${(seeded.insertMs / 1000).toFixed(0)} s`);
    }
    const kept = reused && !values['rebuild-index'] ? await currentVectorIndex(db) : null;
    let build = `${kept?.storage} (kept)`;
    if (!kept) {
      const built = await buildVectorIndex(db, { maintenanceWorkMem: BUILD_MEMORY, workers: Number(values['build-workers']) });
      build = `${built.storage} m ${built.m} ef_c ${built.efConstruction}: ${(built.buildMs / 1000).toFixed(1)} s, ${Math.round(built.sizeBytes / 2 ** 20)} MB`;
      log(`${engine} ${size}: HNSW ${build}`);
    }
    const result: string[] = [];
    for (const efSearch of efSearchValues) {
      const config = parseConfig({ ...baseEnv, HNSW_EF_SEARCH: String(efSearch) });
      const services = await createRagServices({ config, db, logger: createLogger({ level: 'silent' }) });
      const recallGlobal = await measureRecall(db, questions.slice(0, RECALL_QUESTIONS), null, efSearch);
      const recallCommunity = await measureRecall(db, questions.slice(0, RECALL_QUESTIONS), communityIds[0]!, efSearch);
      const ms = (p: { p50: number; p95: number } | undefined) => (p ? `${p.p50} / ${p.p95}` : '-');
      const recall = (r: { ids: number; distance: number }) => `${r.distance.toFixed(3)} (ids ${r.ids.toFixed(3)})`;
      for (const scope of values['no-latency'] ? (['community'] as const) : scopes) {
        const askedFrom = scope === 'global' ? [null] : communityIds;
        const latency = values['no-latency'] ? null : await medianOfRuns(repeat, () => measureLatencies(services, questions, askedFrom));
        log(`${engine} ${size} ef_search ${efSearch} ${scope}: recall ${recall(recallGlobal)} / ${recall(recallCommunity)}, hybrid ${ms(latency?.hybrid)}`);
        result.push(`| ${engine} | ${size.toLocaleString('en')} | ${efSearch} | ${scope} | ${ms(latency?.vector)} | ${ms(latency?.fullText)} | ${ms(latency?.hybrid)} | ` +
          `${ms(latency?.answerOverhead)} | ${recall(recallGlobal)} | ${recall(recallCommunity)} | ${build} |`);
      }
    }
    return result;
  } finally {
    await handle.close();
  }
}

function formatReport(lines: string[]): string {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  const load = (l: number[]) => l.map((x) => x.toFixed(1)).join(' ');
  return [
    `Machine: ${os.cpus().length} x ${cpu}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB RAM, ${os.type()} ${os.release()}, Node ${process.version}; ` +
      `load average ${load(loadAtStart)} at start, ${load(os.loadavg())} at end.`,
    `Built-in embedder (${BUILTIN_DIMENSIONS} dimensions); ${QUESTIONS} questions, each asked from a community ` +
      `(own + global documents, ~24% of chunks visible) or from outside any (global documents, 20%); latency: medians of ${repeat} runs.`,
    '',
    '| engine | chunks | ef_search | asked from | vector top-10 p50 / p95 ms | full-text top-10 | hybrid top-10 | answer overhead (no LLM) | HNSW recall@10, global only | recall@10, one community + global | HNSW build |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...lines,
  ].join('\n');
}
