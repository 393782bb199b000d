// A hub process for restart tests: uploads argv[2], starts the workers and reports the document's
// status on stdout (one JSON line per change) until it is killed.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pino } from 'pino';
import { loadConfig } from '../../api/config/load-config.ts';
import { createHubCore } from '../../api/core/hub-core.ts';
import { findDocument } from '../../api/documents/document-repository.ts';
import { uploadDocument } from '../../api/documents/upload-document.ts';
import { startWorkers } from '../../workers/start-workers.ts';

const file = process.argv[2]!;
const core = await createHubCore(loadConfig(), pino({ level: 'silent' }));
const { document } = await uploadDocument(core, {
  bytes: readFileSync(file),
  filename: path.basename(file),
  uploader: { via: 'cli', role: 'trusted' },
});
console.log(JSON.stringify({ event: 'uploaded', id: document.id }));
await startWorkers(core);
let last = '';
setInterval(async () => {
  const row = await findDocument(core.db, document.id);
  const status = `${row?.status}:${row?.progress?.stage ?? ''}`;
  if (status !== last) console.log(JSON.stringify({ event: 'status', status: row?.status, stage: row?.progress?.stage ?? null }));
  last = status;
}, 50);
