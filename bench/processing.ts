/**
 * `npm run bench:processing`: basic extraction pages/s and peak RSS of the child, OCR seconds per page
 * (one worker), office conversion seconds per document, on corpus files. Medians of repeated runs,
 * each through the supervised child process exactly as production runs it. Writes docs/processing-bench.md.
 */
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ProcessingMode } from '../api/documents/extraction/extracted-document.ts';
import { measureFile, type FileMeasurement } from './processing-bench/measure-runs.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const corpus = path.resolve(repoRoot, '../shared/corpus');
/** Basic runs are short and the machine is shared: more of them steady the medians. */
const BASIC_RUNS = 5;
const RUNS = 3;
/** What a 512 MB cloud instance can give one extraction child. */
const BASIC_MEMORY_MB = 256;
const FULL_MEMORY_MB = 1024;

/** A one-page PDF: its CPU time is the fixed cost (process start, module loading) the marginal rate leaves out. */
const BASELINE_FILE = 'pdftext/crazyones.pdf';
const BASIC_FILES = [BASELINE_FILE, 'pdftext/GeoTopo-komprimiert.pdf', 'docling/inputs/redp5110_sampled.pdf', 'docling/inputs/multi_page.pdf', 'docling/inputs/normal_4pages.pdf'];
const OCR_FILES = ['ocr/tesseract-phototest.tif', 'ocr/tesseractjs-testocr.png', 'docling/inputs/webp-test.webp', 'ocr/unlv-8071_093.3B.tif', 'hostile/privategpt-file_scanned.pdf', 'docling/inputs/ocr_test.pdf'];
const OFFICE_FILES = ['docling/inputs/legacy_sample.doc', 'docling/inputs/legacy_sample.ppt', 'docling/inputs/legacy_sample.xls', 'docling/inputs/word_sample.docx', 'docling/inputs/text_document_01.odt', 'docling/inputs/xlsx_01.xlsx'];

async function measureAll(files: string[], mode: ProcessingMode, memoryMb: number, runs = RUNS): Promise<FileMeasurement[]> {
  const results: FileMeasurement[] = [];
  for (const file of files) {
    const measured = await measureFile(path.join(corpus, file), mode, runs, memoryMb);
    process.stderr.write(`${measured.file}: ${measured.medianSeconds.toFixed(2)} s\n`);
    results.push(measured);
  }
  return results;
}

const table = (rows: FileMeasurement[], unit: 'pages/s' | 's/page' | 's/doc') => [
  `| file | pages | median ${unit} (wall clock) | median s | median CPU s of the child | peak RSS (MB) |`,
  '|---|---|---|---|---|---|',
  ...rows.map((row) => {
    const value = unit === 'pages/s' ? row.medianPagesPerSecond : unit === 's/page' ? row.medianSecondsPerPage : row.medianSeconds;
    return `| ${row.file} | ${row.pages} | ${value.toFixed(2)} | ${row.medianSeconds.toFixed(2)} | ${row.medianCpuSeconds.toFixed(2)} | ${row.peakRssMb.toFixed(0)} |`;
  }),
].join('\n');

if (!existsSync(corpus)) {
  console.error(`No corpus at ${corpus}: the bench needs ../shared/corpus beside the repository.`);
  process.exit(1);
}
const loadBefore = os.loadavg()[0]!;
const basic = await measureAll(BASIC_FILES, ProcessingMode.cloudSimple, BASIC_MEMORY_MB, BASIC_RUNS);
const ocr = await measureAll(OCR_FILES, ProcessingMode.localFull, FULL_MEMORY_MB);
const office = await measureAll(OFFICE_FILES, ProcessingMode.localFull, FULL_MEMORY_MB);
const totalPages = basic.reduce((sum, row) => sum + row.pages, 0);
const totalSeconds = basic.reduce((sum, row) => sum + row.medianSeconds, 0);
const baseline = basic.find((row) => BASELINE_FILE.endsWith(row.file))!;
const marginal = basic
  .filter((row) => row !== baseline)
  .map((row) => ({
    file: row.file,
    rate: (row.pages - baseline.pages) / Math.max(0.01, row.medianCpuSeconds - baseline.medianCpuSeconds),
    whole: row.pages / row.medianCpuSeconds,
  }));
const report = [
  '# Document processing: benchmark',
  '',
  `Command: \`npm run bench:processing\`. Machine: ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.cpus().length} cores, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}; load average ${loadBefore.toFixed(1)} before, ${os.loadavg()[0]!.toFixed(1)} after (other work on the machine slows every figure).`,
  '',
  `Each file ran ${BASIC_RUNS} times (basic) or ${RUNS} times (OCR, office), one at a time, through \`runExtractionChild\` (child process start, module loading and IPC included); figures are medians, RSS is the peak of the child's process tree sampled every 100 ms, CPU is read from /proc just before the child is ended. Basic mode ran with memoryMb=${BASIC_MEMORY_MB} (heap ${Math.floor(BASIC_MEMORY_MB * 0.75)} MB), full mode with ${FULL_MEMORY_MB}.`,
  '',
  `## Basic extraction (goal >= 50 pages/s per core, <= 200 MB per worker)`,
  '',
  `All files together: ${(totalPages / totalSeconds).toFixed(1)} pages/s wall clock (${totalPages} pages in ${totalSeconds.toFixed(1)} s, each file's child start-up included), peak RSS ${Math.max(...basic.map((row) => row.peakRssMb)).toFixed(0)} MB.`,
  '',
  `Per core, after the fixed cost of a child (${baseline.medianCpuSeconds.toFixed(2)} CPU s for the one-page ${baseline.file}): ${marginal.map((entry) => `${entry.file} ${entry.rate.toFixed(0)} pages per CPU-second (${entry.whole.toFixed(0)} with the start-up)`).join(', ')}. CPU time is what the child used; other load on the machine still inflates it somewhat (shared caches and cores).`,
  '',
  table(basic, 'pages/s'),
  '',
  '## OCR, one worker (goal <= 3 s per page)',
  '',
  table(ocr, 's/page'),
  '',
  '## Office documents (legacy formats include the LibreOffice conversion)',
  '',
  table(office, 's/doc'),
  '',
].join('\n');
console.log(report);
await mkdir(path.join(repoRoot, 'docs'), { recursive: true });
await writeFile(path.join(repoRoot, 'docs', 'processing-bench.md'), report);
