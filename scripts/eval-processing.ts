/**
 * `npm run eval:processing`: runs every corpus file through `extractDocument` and scores it against
 * Docling's Markdown, the true OCR text and the pdftext truths; prints the table and writes
 * docs/processing-eval.md. Needs ../shared/corpus beside the repository.
 */
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { listEvalCases } from './processing-eval/eval-cases.ts';
import { formatEvalReport, formatGoals, formatResultTable } from './processing-eval/format-eval-report.ts';
import { runEvalCase, type EvalResult } from './processing-eval/run-eval-case.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const corpus = path.resolve(repoRoot, '../shared/corpus');
/** Two documents at a time keep both cores busy (OCR is single-threaded WASM). */
const PARALLEL_CASES = 2;

async function runAll(): Promise<EvalResult[]> {
  const cases = listEvalCases(corpus);
  const results: EvalResult[] = new Array(cases.length);
  let next = 0;
  const worker = async () => {
    while (next < cases.length) {
      const index = next++;
      results[index] = await runEvalCase(cases[index]!);
      process.stderr.write(`${results[index]!.name} ${results[index]!.seconds.toFixed(1)} s\n`);
    }
  };
  await Promise.all(Array.from({ length: PARALLEL_CASES }, worker));
  return results;
}

if (!existsSync(corpus)) {
  console.error(`No corpus at ${corpus}: the eval needs ../shared/corpus beside the repository.`);
  process.exit(1);
}
const started = performance.now();
const results = await runAll();
const seconds = (performance.now() - started) / 1000;
console.log(formatResultTable(results));
console.log(`\n${formatGoals(results)}`);
await mkdir(path.join(repoRoot, 'docs'), { recursive: true });
await writeFile(path.join(repoRoot, 'docs', 'processing-eval.md'), formatEvalReport(results, 'npm run eval:processing', seconds));
console.log(`\nwritten docs/processing-eval.md (${seconds.toFixed(0)} s)`);
