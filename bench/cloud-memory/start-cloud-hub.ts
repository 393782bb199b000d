import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { startFakeGroq } from '../../test/fakes/fake-groq-server.ts';

const hubEntry = fileURLToPath(new URL('../../cli/hub.ts', import.meta.url));
export const BENCH_TOKEN = `bench-${randomBytes(12).toString('hex')}`;
export const BENCH_ADMIN_PASSWORD = 'bench-admin-password-1';

/** The environment of render.yaml's cloud instance, pointed at a local PostgreSQL and a fake Groq. */
function cloudEnvironment(databaseUrl: string, groqUrl: string, dataDir: string): Record<string, string> {
  return {
    DEPLOYMENT_MODE: 'cloud',
    DATABASE_URL: databaseUrl,
    HUB_API_TOKEN: BENCH_TOKEN,
    GROQ_API_KEY: 'fake-groq-key',
    GROQ_BASE_URL: groqUrl,
    ADMIN_PASSWORD: BENCH_ADMIN_PASSWORD,
    ADMIN_SESSION_SECRET: randomBytes(24).toString('hex'),
    HUB_DATA_DIR: dataDir,
    HOST: '127.0.0.1',
    PORT: '0',
    LOG_LEVEL: 'warn',
    // One bench client asks for many members (a question a second): the per-address limit would turn
    // half of them into 429s that cost the hub nothing.
    ASK_RATE_LIMIT_PER_MINUTE: '1000',
    // To try another parser budget than the cloud default: PROCESSING_MEMORY_MB=140 npm run bench:cloud-memory
    ...(process.env.PROCESSING_MEMORY_MB ? { PROCESSING_MEMORY_MB: process.env.PROCESSING_MEMORY_MB } : {}),
    // Set by Dockerfile.cloud and render.yaml: glibc's malloc arenas, two instead of one per thread.
    MALLOC_ARENA_MAX: '2',
  };
}

export interface CloudHub {
  url: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

/**
 * Makes a fresh database on `serverUrl`, starts a fake Groq, then `node cli/hub.ts start` exactly as
 * the cloud runs it (no npm wrapper) and resolves once its banner names the API address.
 */
export async function startCloudHub(serverUrl: string): Promise<CloudHub> {
  const name = `hub_bench_memory_${randomBytes(5).toString('hex')}`;
  await adminQuery(serverUrl, `CREATE DATABASE ${name}`);
  const databaseUrl = Object.assign(new URL(serverUrl), { pathname: `/${name}` }).toString();
  await adminQuery(databaseUrl, 'CREATE EXTENSION IF NOT EXISTS vector; CREATE EXTENSION IF NOT EXISTS pg_trgm');
  const groq = await startFakeGroq();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'hub-bench-memory-'));
  const child = spawn(process.execPath, [hubEntry, 'start'], {
    // Nothing of the bench's own environment leaks in but PATH (and what Node needs to run).
    env: { PATH: process.env.PATH ?? '', HOME: os.tmpdir(), ...cloudEnvironment(databaseUrl, groq.url, dataDir) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  createInterface({ input: child.stderr! }).on('line', (line) => output.push(line));
  const url = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const match = /^\s+API\s+(http:\/\/\S+)\/api$/.exec(line);
      if (match) resolve(match[1]!);
    });
    child.once('exit', (code) => reject(new Error(`hub start exited with ${code}:\n${output.slice(-30).join('\n')}`)));
  });
  return {
    url,
    process: child,
    async stop() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
      await groq.close();
      await adminQuery(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function adminQuery(url: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
