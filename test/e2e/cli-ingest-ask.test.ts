import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runHub, startHub } from '../support/run-hub-cli.ts';
import { createServerDatabaseUrl, testEngine } from '../support/test-database.ts';

describe(`hub ingest then hub ask on ${testEngine}`, () => {
  let env: Record<string, string>;
  let dropServerDatabase: (() => Promise<void>) | undefined;
  let folder: string;

  beforeAll(async () => {
    folder = mkdtempSync(path.join(os.tmpdir(), 'hub-cli-'));
    const server = process.env.TEST_DATABASE_URL ? await createServerDatabaseUrl(process.env.TEST_DATABASE_URL) : null;
    dropServerDatabase = server?.drop;
    env = { HUB_DATA_DIR: path.join(folder, 'data'), LOG_LEVEL: 'warn', PORT: '0', ...(server ? { DATABASE_URL: server.url } : {}) };
    writeFileSync(path.join(folder, 'generator-safety.md'), '# Generator safety\n\nNever run a portable generator indoors or in a garage: carbon monoxide kills within minutes. Keep it 20 feet from windows.\n');
    writeFileSync(path.join(folder, 'pets.txt'), 'Pets in an emergency\n\nPack food, water and a leash for your pets in the go-bag.\n');
  });
  afterAll(async () => {
    await dropServerDatabase?.();
  });

  it('reports each document as one JSON line once it is processed', async () => {
    const result = await runHub(['ingest', folder, '--json', '--community', 'riverside'], env);
    expect(result.code, result.stderr).toBe(0);
    const lines = result.stdout.trim().split('\n').map((line) => JSON.parse(line));
    expect(lines).toHaveLength(2);
    for (const line of lines) {
      expect(line).toMatchObject({ status: 'ready', error: null });
      expect(line.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(line.chars).toBeGreaterThan(40);
      expect(line.ms).toBeGreaterThan(0);
    }
  }, 120_000);

  it('answers with the ingested document as a citation, in the API JSON shape', async () => {
    const result = await runHub(['ask', 'can I use a generator in the garage?', '--community', 'riverside', '--json'], env);
    expect(result.code, result.stderr).toBe(0);
    const answer = JSON.parse(result.stdout);
    expect(answer).toMatchObject({ answered: true, provider: 'extractive' });
    expect(answer.citations[0]).toMatchObject({ filename: 'generator-safety.md', title: 'Generator safety' });
    expect(answer.answer).toContain('carbon monoxide');
    expect(Object.keys(answer.timings)).toContain('totalMs');
  }, 60_000);

  it('exits 1 and names the reason when a file cannot be added', async () => {
    const broken = path.join(folder, 'broken.pdf');
    writeFileSync(broken, '%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ngarbage');
    const result = await runHub(['ingest', broken, '--json'], env);
    expect(result.code).toBe(1);
    const line = JSON.parse(result.stdout.trim());
    expect(line.status).toBe('failed');
    expect(line.error).toMatch(/damaged|could not be read|broken/i);
  }, 120_000);

  // With a server every process opens the database itself: there is no owner to go through.
  it.runIf(testEngine === 'pglite')('goes through the running hub when one owns the embedded database', async () => {
    const hub = await startHub(env);
    try {
      const port = new URL(hub.url).port;
      const result = await runHub(['ask', 'what do pets need in the go-bag?', '--community', 'riverside', '--json'], { ...env, PORT: port });
      expect(result.code, result.stderr).toBe(0);
      expect(JSON.parse(result.stdout).citations[0].filename).toBe('pets.txt');
    } finally {
      hub.process.kill('SIGTERM');
    }
  }, 90_000);
});
