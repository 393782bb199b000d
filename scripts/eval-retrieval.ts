/**
 * `npm run eval`: document-level retrieval quality (hit@1, hit@5, MRR, right document among the cited
 * passages) per retrieval mode, then the answers with no LLM (abstention on unanswerable questions,
 * false abstention and key phrases on answerable ones), with the built-in embedder, through the real
 * extraction and indexing.
 *
 *   npm run eval                                   ARAGOG papers, resilience tuning set, resilience held-out set
 *   npm run eval -- --docs <folder> --questions <file.jsonl|aragog.json> [--misses] [--database-url <url>]
 *
 * Questions whose document is not in the folder are left out (and counted).
 */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { parseConfig } from '../api/config/load-config.ts';
import { createLogger } from '../api/logging/create-logger.ts';
import { createRagServices } from '../api/rag/create-rag-services.ts';
import { openEvalDatabase } from './eval/eval-database.ts';
import { readEvalQuestions } from './eval/eval-questions.ts';
import { ingestFolder } from './eval/ingest-folder.ts';
import { loadWithExtractor } from './eval/load-with-extractor.ts';
import { runAnswerEval, type AnswerGroupReport } from './eval/run-answer-eval.ts';
import { runRetrievalEval, type ModeReport } from './eval/run-retrieval-eval.ts';

const repoRoot = path.resolve(import.meta.dirname, '..');
const corpus = path.resolve(repoRoot, '../shared/corpus');
const DEFAULT_SETS = [
  { name: 'ARAGOG (12 arXiv papers)', docs: path.join(corpus, 'rag-eval/aragog/papers'), questions: path.join(corpus, 'rag-eval/aragog/eval_questions_relevant_doc.json') },
  { name: 'Resilience (15 preparedness PDFs), tuning questions', docs: path.join(corpus, 'resilience'), questions: path.join(repoRoot, 'scripts/eval-data/resilience-questions.jsonl') },
  { name: 'Resilience, held-out questions (never tuned on)', docs: path.join(corpus, 'resilience'), questions: path.join(repoRoot, 'scripts/eval-data/resilience-questions-holdout.jsonl') },
];

const { values } = parseArgs({
  options: { docs: { type: 'string' }, questions: { type: 'string' }, misses: { type: 'boolean', default: false }, 'database-url': { type: 'string' } },
});
const sets = values.docs && values.questions ? [{ name: path.basename(values.docs), docs: values.docs, questions: values.questions }] : DEFAULT_SETS;

for (const set of sets) {
  if (!existsSync(set.docs) || !existsSync(set.questions)) {
    console.log(`## ${set.name}\n\nskipped: ${existsSync(set.docs) ? set.questions : set.docs} not found\n`);
    continue;
  }
  await evaluateSet(set);
}

async function evaluateSet(set: { name: string; docs: string; questions: string }): Promise<void> {
  const handle = await openEvalDatabase(values['database-url']);
  try {
    const config = parseConfig({ LLM_PROVIDER: 'none', EMBEDDINGS_PROVIDER: 'builtin', HUB_DATA_DIR: path.join(repoRoot, 'data/eval') });
    const services = await createRagServices({ config, db: handle.db, logger: createLogger({ level: 'silent' }) });
    const ingest = await ingestFolder(services, handle.db, set.docs, loadWithExtractor);
    const present = new Set(readdirSync(set.docs));
    const all = readEvalQuestions(set.questions);
    const answerable = all.filter((q) => q.docs.some((doc) => present.has(doc)));
    const unanswerable = all.filter((q) => q.docs.length === 0);
    const started = performance.now();
    const reports = await runRetrievalEval(services, answerable);
    const perQuestionMs = (performance.now() - started) / (answerable.length * reports.length || 1);
    console.log(formatReport(set.name, ingest, answerable.length, all.length - answerable.length - unanswerable.length, perQuestionMs, reports));
    console.log(formatAnswers(await runAnswerEval(services, [...answerable, ...unanswerable])));
  } finally {
    await handle.close();
  }
}

function formatAnswers(groups: AnswerGroupReport[]): string {
  const percent = (x: number | null) => (x === null ? '-' : `${(x * 100).toFixed(1)}%`);
  const lines = [
    'Answers with no LLM (`LLM_PROVIDER=none`): answered, key phrase in the answer text, a right document among the citations.',
    '',
    '| questions | n | answered | abstained | key phrase | cited |',
    '| --- | --- | --- | --- | --- | --- |',
    ...groups.map((g) => `| ${g.group} | ${g.questions} | ${percent(g.answered)} | ${percent(1 - g.answered)} | ${percent(g.keyPhrase)} | ${percent(g.cited)} |`),
    '',
  ];
  if (values.misses) {
    const seen = new Set<string>();
    for (const miss of groups.flatMap((g) => g.misses)) {
      if (seen.has(miss.q)) continue;
      seen.add(miss.q);
      lines.push(`- ${miss.what}: "${miss.q}"`);
    }
    lines.push('');
  }
  return lines.join('\n');
}

function formatReport(name: string, ingest: { files: number; chunks: number; ms: number }, asked: number, skipped: number, perQuestionMs: number, reports: ModeReport[]): string {
  const percent = (x: number) => `${(x * 100).toFixed(1)}%`;
  const lines = [
    `## ${name}`,
    '',
    `${ingest.files} files -> ${ingest.chunks} chunks (extracted and indexed in ${(ingest.ms / 1000).toFixed(1)} s); ` +
      `${asked} questions${skipped ? ` (${skipped} left out: their document is not in the folder)` : ''}; ${perQuestionMs.toFixed(0)} ms per retrieval.`,
    '',
    '| mode | hit@1 | hit@5 | MRR | right document among the cited passages |',
    '| --- | --- | --- | --- | --- |',
    ...reports.map((r) => `| ${r.mode} | ${percent(r.hitAt1)} | ${percent(r.hitAt5)} | ${r.mrr.toFixed(3)} | ${percent(r.inCitations)} |`),
    '',
  ];
  if (values.misses) {
    const hybrid = reports.find((r) => r.mode === 'hybrid');
    for (const miss of hybrid?.misses ?? []) lines.push(`- miss: "${miss.q}" expected ${miss.expected.join(' or ')}, got ${miss.got.join(', ')}`);
  }
  return lines.join('\n');
}
