import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { describeError } from '#api/errors/app-error.ts';
import type { DocumentView } from '#api/routes/document-view.ts';
import { createCliContext } from '../cli-context.ts';
import { collectFiles } from '../collect-files.ts';
import { openGateway } from '../gateway/open-gateway.ts';
import type { HubGateway } from '../gateway/hub-gateway.ts';
import { createIngestDisplay, type IngestReport } from '../output/ingest-display.ts';

const POLL_INTERVAL_MS = 250;
const FINAL_STATUSES = new Set(['ready', 'failed', 'rejected', 'pending_review']);

/** `hub ingest <files|folders...>`: uploads each file and waits until it is processed. Exit 1 if any failed. */
export async function runIngest(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { community: { type: 'string' }, json: { type: 'boolean', default: false }, verbose: { type: 'boolean', default: false } },
  });
  if (positionals.length === 0) {
    console.error('Usage: hub ingest <files|folders...> [--community C] [--json]');
    return 2;
  }
  const files = await collectFiles(positionals);
  const { config, logger } = createCliContext(values.verbose);
  const gateway = await openGateway(config, logger, { withWorkers: true });
  const display = createIngestDisplay({ json: values.json, total: files.length, tty: Boolean(process.stderr.isTTY) });
  let failures = 0;
  try {
    for (const file of files) {
      const report = await ingestOne(gateway, file, values.community, display.onProgress);
      if (report.status !== 'ready') failures++;
      display.finished(report);
    }
  } finally {
    display.stop();
    await gateway.close();
  }
  display.summary();
  return failures > 0 ? 1 : 0;
}

async function ingestOne(gateway: HubGateway, file: string, community: string | undefined, onProgress: (file: string, doc: DocumentView) => void): Promise<IngestReport> {
  const started = Date.now();
  const name = path.basename(file);
  try {
    const bytes = await readFile(file);
    const { document, duplicate } = await gateway.upload({ bytes, filename: name }, { community });
    const final = await waitUntilProcessed(gateway, document, (doc) => onProgress(name, doc));
    return toReport(file, final, duplicate, Date.now() - started);
  } catch (error) {
    return { file, id: null, status: 'failed', pages: null, chars: null, error: describeError(error), ms: Date.now() - started, duplicate: false, processingMode: null, needsFullProcessing: false };
  }
}

async function waitUntilProcessed(gateway: HubGateway, document: DocumentView, onProgress: (doc: DocumentView) => void): Promise<DocumentView> {
  let current = document;
  while (!FINAL_STATUSES.has(current.status)) {
    await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_MS));
    current = await gateway.getDocument(document.id);
    onProgress(current);
  }
  return current;
}

function toReport(file: string, doc: DocumentView, duplicate: boolean, ms: number): IngestReport {
  return {
    file,
    id: doc.id,
    status: doc.status,
    pages: doc.pageCount,
    chars: doc.content?.length ?? null,
    error: doc.error?.reason ?? null,
    ms,
    duplicate,
    processingMode: doc.processingMode,
    needsFullProcessing: doc.needsFullProcessing,
  };
}
