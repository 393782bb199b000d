/**
 * scripts/deploy-local.sh against a stub `docker` on PATH (no Docker engine runs here) and a stub hub
 * whose readiness turns green only some time after `compose up`: the script must wait on health,
 * write .env once, pull the models once, and run the first sync only when the hub is ready.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { envSchema } from '../../api/config/env-schema.ts';

const repo = path.resolve(import.meta.dirname, '../..');
const shellcheck = spawnSync('shellcheck', ['--version']).status === 0;

/** A `docker` that logs each call and plays compose: `up` starts the (stub) hub, ollama lists what was pulled. */
const STUB_DOCKER = `#!/usr/bin/env bash
echo "$*" >> "$STUB_DIR/docker.log"
case "$*" in
  "compose version") echo "Docker Compose version v2.29.0" ;;
  *" up -d "*) touch "$STUB_DIR/up" ;;
  *"exec -T ollama ollama list"*) echo "NAME ID SIZE"; cat "$STUB_DIR/models" 2>/dev/null || true ;;
  *"exec -T ollama ollama pull "*) echo "\${@: -1} abc 2GB" >> "$STUB_DIR/models" ;;
  *"sync-worker node cli/hub.ts sync --initial"*) echo "initial sync: 12 documents" ;;
  *) echo "stub docker: unexpected $*" >&2; exit 3 ;;
esac
`;

describe('scripts/deploy-local.sh', () => {
  let work: string;
  let hub: Server;
  let hubUrl: string;
  const readinessAnswers: number[] = [];

  beforeAll(async () => {
    work = mkdtempSync(path.join(os.tmpdir(), 'hub-deploy-local-'));
    mkdirSync(path.join(work, 'scripts'));
    mkdirSync(path.join(work, 'bin'));
    copyFileSync(path.join(repo, 'scripts/deploy-local.sh'), path.join(work, 'scripts/deploy-local.sh'));
    copyFileSync(path.join(repo, 'docker-compose.local.yml'), path.join(work, 'docker-compose.local.yml'));
    writeFileSync(path.join(work, 'bin/docker'), STUB_DOCKER);
    chmodSync(path.join(work, 'bin/docker'), 0o755);
    // Not ready before `compose up`, and not for the first two probes after it either.
    let probesAfterUp = 0;
    hub = createServer((request, response) => {
      const ready = request.url === '/health/ready' && existsSync(path.join(work, 'up')) && ++probesAfterUp > 2;
      readinessAnswers.push(ready ? 200 : 503);
      response.writeHead(ready ? 200 : 503).end();
    });
    await new Promise<void>((resolve) => hub.listen(0, '127.0.0.1', resolve));
    hubUrl = `http://127.0.0.1:${(hub.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => hub.close(() => resolve())));

  const run = (args: string[]) =>
    new Promise<{ code: number | null; out: string }>((resolve) => {
      const child = spawn('bash', [path.join(work, 'scripts/deploy-local.sh'), ...args], {
        env: { ...process.env, PATH: `${path.join(work, 'bin')}:${process.env.PATH}`, STUB_DIR: work, HUB_URL: hubUrl, HEALTH_TIMEOUT_SECONDS: '60' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => (out += chunk));
      child.stderr.on('data', (chunk: Buffer) => (out += chunk));
      child.on('close', (code) => resolve({ code, out }));
    });
  const envLines = () => readFileSync(path.join(work, '.env'), 'utf8').trim().split('\n');
  const dockerCalls = () => readFileSync(path.join(work, 'docker.log'), 'utf8').trim().split('\n');

  it.skipIf(!shellcheck)('passes shellcheck (skipped only where shellcheck is not installed)', () => {
    expect(() => execFileSync('shellcheck', [path.join(repo, 'scripts/deploy-local.sh')], { encoding: 'utf8' })).not.toThrow();
  });

  it('refuses to guess the cloud when it is not given and nobody can be asked', async () => {
    const result = await run([]);
    expect(result.code).toBe(1);
    expect(result.out).toMatch(/URL of the cloud instance.*not given/);
    expect(existsSync(path.join(work, 'docker.log'))).toBe(true);
    expect(dockerCalls()).toEqual(['compose version']);
  });

  it('writes .env, starts the sync profile, waits for readiness, pulls the models, then runs the first sync', async () => {
    const result = await run(['--cloud-url', 'https://hub.example.org/', '--sync-key', 'cloud-token-0123456789']);
    expect(result.code, result.out).toBe(0);
    const env = envLines();
    expect(env).toEqual(expect.arrayContaining(['DEPLOYMENT_MODE=local', 'SYNC_ENABLED=true', 'SYNC_SERVER_URL=https://hub.example.org', 'SYNC_API_KEY=cloud-token-0123456789']));
    expect(env.find((line) => line.startsWith('ADMIN_PASSWORD='))).toMatch(/^ADMIN_PASSWORD=[0-9a-f]{24}$/);
    expect(env.find((line) => line.startsWith('ADMIN_SESSION_SECRET='))).toMatch(/^ADMIN_SESSION_SECRET=[0-9a-f]{64}$/);
    // Every key written is a hub setting, or the compose stack's own database password.
    const keys = env.map((line) => line.split('=')[0]!);
    expect(keys.filter((key) => !(key in envSchema.shape) && key !== 'POSTGRES_PASSWORD')).toEqual([]);

    const calls = dockerCalls().slice(2);
    expect(calls[0]).toBe('compose -f docker-compose.local.yml --profile sync up -d --build --wait --wait-timeout 60');
    expect(calls.slice(1)).toEqual([
      'compose -f docker-compose.local.yml exec -T ollama ollama list',
      'compose -f docker-compose.local.yml exec -T ollama ollama pull llama3.2:3b',
      'compose -f docker-compose.local.yml exec -T ollama ollama pull nomic-embed-text',
      'compose -f docker-compose.local.yml --profile sync exec -T sync-worker node cli/hub.ts sync --initial',
    ]);
    // It kept asking until the hub said ready, and only then synced.
    expect(readinessAnswers.slice(-3)).toEqual([503, 503, 200]);
    expect(result.out).toContain('initial sync: 12 documents');
    expect(result.out).toContain(`${hubUrl}/admin`);
    expect(result.out).toContain(`${hubUrl}/docs`);
  }, 90_000);

  it('is safe to run twice: one line per setting, the same generated secrets, no second model pull', async () => {
    const before = envLines();
    const result = await run(['--cloud-url', 'https://hub.example.org', '--sync-key', 'cloud-token-0123456789']);
    expect(result.code, result.out).toBe(0);
    const after = envLines();
    expect(after.sort()).toEqual(before.sort());
    expect(new Set(after.map((line) => line.split('=')[0])).size).toBe(after.length);
    expect(dockerCalls().filter((call) => call.includes('ollama pull'))).toHaveLength(2);
    expect(result.out).toMatch(/model llama3.2:3b already pulled/);
  }, 90_000);
});
