import type { HubDatabase } from '../db/database.ts';
import type { ExtractionProgress } from './extraction/extracted-document.ts';
import { setDocumentProgress } from './document-repository.ts';

/** Parsers report every page; the row is written at most this often so progress costs little. */
const MIN_WRITE_INTERVAL_MS = 500;

/** Writes processing progress to the document row, throttled, in order, never failing the job. */
export function createProgressReporter(db: HubDatabase, documentId: string) {
  let pending: ExtractionProgress | null = null;
  let lastWrite = 0;
  let chain: Promise<void> = Promise.resolve();
  const write = (progress: ExtractionProgress) => {
    lastWrite = Date.now();
    chain = chain.then(() => setDocumentProgress(db, documentId, progress)).catch(() => {});
  };
  return {
    report(progress: ExtractionProgress) {
      pending = progress;
      if (Date.now() - lastWrite >= MIN_WRITE_INTERVAL_MS) {
        write(progress);
        pending = null;
      }
    },
    async set(progress: ExtractionProgress) {
      pending = null;
      write(progress);
      await chain;
    },
    async flush() {
      if (pending) write(pending);
      pending = null;
      await chain;
    },
  };
}
