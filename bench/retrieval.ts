/**
 * `npm run bench:retrieval`: retrieval latency and HNSW recall on chunk tables built from real text.
 *
 *   npm run bench:retrieval                     10k and 100k chunks on PGlite and PostgreSQL
 *   npm run bench:retrieval -- --quick          2k chunks (smoke test, ~2 minutes)
 *   options: --sizes 10000,100000  --engines pglite,postgres  --database-url postgresql://...  (default
 *   BENCH_DATABASE_URL, else the CI server postgresql://postgres@127.0.0.1:55433/postgres)
 */
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { parseConfig } from '../api/config/load-config.ts';
import { createLogger } from '../api/logging/create-logger.ts';
import { createRagServices } from '../api/rag/create-rag-services.ts';
import { readEvalQuestions } from '../scripts/eval/eval-questions.ts';
import { openBenchDatabase, type BenchEngine } from './retrieval/bench-database.ts';
import { loadBasePassages, seededRandom, varyPassages } from './retrieval/build-chunk-texts.ts';
import { measureLatencies, measureRecall } from './retrieval/measure-latency.ts';
import { seedChunkTable } from './retrieval/seed-chunk-table.ts';

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
  },
});
const sizes = (values.sizes ?? (values.quick ? '2000' : '10000,100000')).split(',').map(Number);
const engines = values.engines!.split(',') as BenchEngine[];

const questions = [
  ...readEvalQuestions(path.join(repoRoot, 'scripts/eval-data/resilience-questions.jsonl')),
  ...readEvalQuestions(path.join(corpus, 'rag-eval/aragog/eval_questions_relevant_doc.json')),
].map((q) => q.q).slice(0, QUESTIONS);

const log = (message: string) => process.stderr.write(`${message}\n`);
log('extracting and chunking the corpora ...');
const base = await loadBasePassages([path.join(corpus, 'resilience'), path.join(corpus, 'rag-eval/aragog/papers')]);
log(`${base.length} base passages`);

const rows: string[] = [];
for (const engine of engines) {
  for (const size of sizes) rows.push(await benchOne(engine, size));
}
console.log(formatReport(rows));

async function benchOne(engine: BenchEngine, size: number): Promise<string> {
  const handle = await openBenchDatabase(engine, values['database-url']!);
  try {
    const config = parseConfig({ LLM_PROVIDER: 'none', EMBEDDINGS_PROVIDER: 'builtin', HUB_DATA_DIR: path.join(repoRoot, 'data/bench') });
    const services = await createRagServices({ config, db: handle.db, logger: createLogger({ level: 'silent' }) });
    const texts = varyPassages(base, size, seededRandom(SEED));
    const seeded = await seedChunkTable(handle.db, texts, (done) => done % 10_000 === 0 && log(`${engine} ${size}: ${done} chunks`));
    log(`${engine} ${size}: inserted in ${(seeded.insertMs / 1000).toFixed(0)} s, HNSW built in ${(seeded.indexBuildMs / 1000).toFixed(1)} s`);
    const latency = await measureLatencies(services, questions, seeded.communityIds);
    const recallGlobal = await measureRecall(handle.db, questions.slice(0, RECALL_QUESTIONS), null);
    const recallCommunity = await measureRecall(handle.db, questions.slice(0, RECALL_QUESTIONS), seeded.communityIds[0]!);
    const ms = (p: { p50: number; p95: number }) => `${p.p50} / ${p.p95}`;
    const recall = (r: { ids: number; distance: number }) => `${r.distance.toFixed(3)} (ids ${r.ids.toFixed(3)})`;
    return `| ${engine} | ${size.toLocaleString('en')} | ${ms(latency.vector)} | ${ms(latency.fullText)} | ${ms(latency.hybrid)} | ` +
      `${ms(latency.answerOverhead)} | ${recall(recallGlobal)} | ${recall(recallCommunity)} | ${(seeded.indexBuildMs / 1000).toFixed(1)} s |`;
  } finally {
    await handle.close();
  }
}

function formatReport(lines: string[]): string {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  return [
    `Machine: ${os.cpus().length} x ${cpu}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB RAM, ${os.type()} ${os.release()}, Node ${process.version}.`,
    `Built-in embedder (1024 dimensions), ${QUESTIONS} questions, each asked from a community (own + global documents, ~24% of chunks visible).`,
    '',
    '| engine | chunks | vector top-10 p50 / p95 ms | full-text top-10 | hybrid top-10 | answer overhead (no LLM) | HNSW recall@10, global only | recall@10, one community + global | HNSW build |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...lines,
  ].join('\n');
}
