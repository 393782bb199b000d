import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../api/config/load-config.ts';
import { createHubCore } from '../../api/core/hub-core.ts';
import { findDocument } from '../../api/documents/document-repository.ts';
import { startWorkers } from '../../workers/start-workers.ts';
import { renderTextImage } from '../fixtures/render-text-image.ts';
import { createServerDatabaseUrl, testEngine } from '../support/test-database.ts';
import { waitFor } from '../support/test-core.ts';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../api/db/database.ts';

const child = path.resolve(import.meta.dirname, '../support/hub-worker-child.ts');

describe(`processing survives a killed process on ${testEngine}`, () => {
  it('retries a document whose worker was killed mid-way and ends with one clean result', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'hub-restart-'));
    const serverUrl = process.env.TEST_DATABASE_URL;
    const server = serverUrl ? await createServerDatabaseUrl(serverUrl) : null;
    const env = { HUB_DATA_DIR: dataDir, PROCESSING_MODE: 'full', LOG_LEVEL: 'silent', ...(server ? { DATABASE_URL: server.url } : {}) };
    const image = path.join(dataDir, 'notice.png');
    writeFileSync(image, renderTextImage([
      { text: 'Shelter notice', size: 40, bold: true },
      { text: 'The community shelter opens at the school gym.', size: 26 },
      { text: 'Bring water, medicine and a blanket.', size: 26 },
    ]));

    // 1. A hub process uploads the scan and starts processing it; kill it while it is processing.
    const first = spawn(process.execPath, [child, image], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
    const documentId = await new Promise<string>((resolve, reject) => {
      let id = '';
      createInterface({ input: first.stdout! }).on('line', (line) => {
        const event = JSON.parse(line) as { event: string; id?: string; status?: string };
        if (event.event === 'uploaded') id = event.id!;
        if (event.event === 'status' && event.status === 'processing') {
          first.kill('SIGKILL');
          resolve(id);
        }
        if (event.event === 'status' && event.status === 'ready') reject(new Error('finished before it could be interrupted'));
      });
      first.once('exit', (code) => code !== null && reject(new Error(`child exited early with ${code}`)));
    });
    await new Promise((resolve) => first.once('close', resolve));

    // 2. A new process on the same data picks the interrupted job up again.
    const core = await createHubCore(parseConfig(env), pino({ level: 'silent' }), { retryDelaySeconds: 1 });
    try {
      await startWorkers(core);
      const done = await waitFor(async () => {
        const row = await findDocument(core.db, documentId);
        return row && ['ready', 'failed'].includes(row.status) ? row : undefined;
      }, 90_000, 'the document to be processed after the restart');
      expect(done.status).toBe('ready');
      expect(done.content).toMatch(/shelter opens at the school gym/i);
      const positions = await queryRows<{ position: number; copies: number }>(
        core.db,
        sql`SELECT position, count(*)::int AS copies FROM chunks WHERE document_id = ${documentId} GROUP BY position`,
      );
      expect(positions.length).toBeGreaterThan(0);
      expect(positions.every((row) => row.copies === 1)).toBe(true);
    } finally {
      await core.close();
      await server?.drop();
    }
  }, 150_000);
});
