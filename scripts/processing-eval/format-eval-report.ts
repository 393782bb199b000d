import os from 'node:os';
import type { EvalResult } from './run-eval-case.ts';

const percent = (value: number | null) => (value === null ? '' : `${(value * 100).toFixed(1)}%`);
const ratio = (value: number | null) => (value === null ? '' : value.toFixed(3));

function mean(values: Array<number | null>): number | null {
  const present = values.filter((value): value is number => value !== null);
  return present.length === 0 ? null : present.reduce((sum, value) => sum + value, 0) / present.length;
}

/** The per-file table as GitHub Markdown. */
export function formatResultTable(results: readonly EvalResult[]): string {
  const header = '| group | category | input | similarity | heading F1 (found/expected) | CER | ordered recall | s | note |';
  const rows = results.map((result) =>
    `| ${result.testCase.group} | ${result.testCase.category} | ${result.name} | ${ratio(result.similarity)} | ${ratio(result.headingF1)}${result.headingCounts ? ` (${result.headingCounts})` : ''} | ${percent(result.cer)} | ${ratio(result.orderedRecall)} | ${result.seconds.toFixed(1)} | ${result.note.replaceAll('|', '/')} |`,
  );
  return [header, '|---|---|---|---|---|---|---|---|---|', ...rows].join('\n');
}

/** The goal lines of the issue with the measured means. */
export function formatGoals(results: readonly EvalResult[]): string {
  const docling = results.filter((result) => result.testCase.group === 'docling');
  const digital = docling.filter((result) => result.testCase.category === 'digital PDF');
  const office = docling.filter((result) => result.testCase.category === 'office');
  const withHeadings = docling.filter((result) => result.testCase.category !== 'OCR');
  const clean = results.filter((result) => result.testCase.clean && result.cer !== null);
  const lines = [
    `- mean similarity, digital PDFs (goal >= 0.9): ${ratio(mean(digital.map((result) => result.similarity)))} over ${digital.length} files`,
    `- mean similarity, office files (goal >= 0.9): ${ratio(mean(office.map((result) => result.similarity)))} over ${office.length} files`,
    `- mean heading F1, Docling inputs except OCR (goal >= 0.8): ${ratio(mean(withHeadings.map((result) => result.headingF1)))}`,
    `- mean CER, clean OCR pages (goal <= 5%): ${percent(mean(clean.map((result) => result.cer)))} over ${clean.length} pages`,
  ];
  return lines.join('\n');
}

/** The whole docs page: what was run, where, the goals and the table. */
export function formatEvalReport(results: readonly EvalResult[], command: string, totalSeconds: number): string {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  return [
    '# Document processing: measured quality',
    '',
    `Command: \`${command}\` (${totalSeconds.toFixed(0)} s). Machine: ${cpu}, ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}.`,
    '',
    'Similarity is word-level (2 x longest common word subsequence / all words, Markdown syntax stripped) against',
    "Docling's Markdown; heading F1 matches heading texts one to one, levels and section numbers ignored (Docling flattens",
    'PDF headings and sometimes reads a number printed left of its title after it, "들어가며 1");',
    'CER is the edit distance over the true text length, whitespace collapsed. Full mode (`local_full`) except the',
    '`pdftext` group, which measures basic mode (`cloud_simple`).',
    '',
    '## Goals',
    '',
    formatGoals(results),
    '',
    '## Per file',
    '',
    formatResultTable(results),
    '',
  ].join('\n');
}
