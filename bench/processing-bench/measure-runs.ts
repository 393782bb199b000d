import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { runExtractionChild } from '../../api/documents/extraction/child/run-extraction-child.ts';
import type { ProcessingMode } from '../../api/documents/extraction/extracted-document.ts';
import { defaultExtractionLimits } from '../../api/documents/extraction/extraction-request.ts';
import { detectFileType } from '../../api/documents/intake/detect-file-type.ts';

/** Medians over the runs of one file, through the real supervised child (start-up included). */
export interface FileMeasurement {
  file: string;
  pages: number;
  runs: number;
  medianSeconds: number;
  medianPagesPerSecond: number;
  medianSecondsPerPage: number;
  /** CPU seconds of the child (its threads included, LibreOffice not): per-core cost, whatever else runs. */
  medianCpuSeconds: number;
  peakRssMb: number;
}

const MEBIBYTE = 1024 * 1024;

/** The middle value (mean of the two middle ones for an even count). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Extracts a file `runs` times one after the other (one worker) and keeps the medians and the peak RSS. */
export async function measureFile(file: string, mode: ProcessingMode, runs: number, memoryMb: number): Promise<FileMeasurement> {
  const detected = await detectFileType(new Uint8Array(await readFile(file)), file);
  const seconds: number[] = [];
  const cpuSeconds: number[] = [];
  let peak = 0;
  let pages = 1;
  for (let run = 0; run < runs; run += 1) {
    const result = await runExtractionChild({
      filePath: file,
      fileType: detected.fileType,
      kind: detected.kind,
      mode,
      limits: { ...defaultExtractionLimits, memoryMb, timeoutMs: 300_000 },
      ocrLangs: 'eng',
    });
    seconds.push(result.durationMs / 1000);
    cpuSeconds.push(result.cpuSeconds);
    peak = Math.max(peak, result.peakRssBytes);
    pages = result.document.pageCount ?? 1;
  }
  const medianSeconds = median(seconds);
  return {
    file: path.basename(file),
    pages,
    runs,
    medianSeconds,
    medianPagesPerSecond: pages / medianSeconds,
    medianSecondsPerPage: medianSeconds / pages,
    medianCpuSeconds: median(cpuSeconds),
    peakRssMb: peak / MEBIBYTE,
  };
}
