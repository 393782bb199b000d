import cliProgress from 'cli-progress';
import type { DocumentView } from '#api/routes/document-view.ts';

export interface IngestReport {
  file: string;
  id: string | null;
  status: string;
  pages: number | null;
  chars: number | null;
  error: string | null;
  ms: number;
  duplicate: boolean;
  processingMode: string | null;
  /** A cloud instance left OCR or office conversion for a local one. */
  needsFullProcessing: boolean;
}

/**
 * How `hub ingest` shows its work: JSON lines (--json), a progress bar on a terminal, or one plain
 * line per document when the output is a file or pipe.
 */
export function createIngestDisplay(options: { json: boolean; total: number; tty: boolean }) {
  const counts = new Map<string, number>();
  // Lines printed while the bar is drawn would be overwritten: keep problems for after it stops.
  const problems: string[] = [];
  const bar = !options.json && options.tty
    ? new cliProgress.SingleBar({ format: '{bar} {value}/{total} | {file} {stage}', stream: process.stderr, hideCursor: true }, cliProgress.Presets.shades_classic)
    : null;
  bar?.start(options.total, 0, { file: '', stage: '' });
  return {
    onProgress(file: string, doc: DocumentView) {
      const stage = doc.progress ? `${doc.progress.stage}${doc.progress.page ? ` page ${doc.progress.page}/${doc.progress.pageCount ?? '?'}` : ''}` : doc.status;
      bar?.update({ file, stage });
    },
    finished(report: IngestReport) {
      counts.set(report.status, (counts.get(report.status) ?? 0) + 1);
      if (options.json) console.log(JSON.stringify(report));
      else if (bar) {
        bar.increment(1, { file: '', stage: '' });
        if (report.error) problems.push(describeReport(report));
      } else console.log(describeReport(report));
    },
    stop() {
      bar?.stop();
      for (const line of problems) console.error(line);
    },
    summary() {
      if (options.json) return;
      const parts = [...counts.entries()].map(([status, count]) => `${count} ${status}`);
      console.error(`Done: ${parts.join(', ') || 'nothing to do'}.`);
    },
  };
}

function describeReport(report: IngestReport): string {
  const facts = [report.pages !== null ? `${report.pages} pages` : null, report.chars !== null ? `${report.chars} chars` : null, `${report.ms} ms`];
  const detail = report.error ? ` — ${report.error}` : '';
  const later = report.needsFullProcessing ? ' [basic text only: a local instance will finish it]' : '';
  return `${report.status.padEnd(8)} ${report.file} (${facts.filter(Boolean).join(', ')})${report.duplicate ? ' [already known]' : ''}${later}${detail}`;
}
