/**
 * No Docker engine runs here: these check what can be checked without one. The compose file parses,
 * every hub service runs a real `hub start --role` with roles and settings the code knows, and the
 * Dockerfiles install what package.json needs and copy every part the hub imports.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { envSchema } from '../../api/config/env-schema.ts';
import { parseRoles, roleNames } from '../../cli/roles/hub-roles.ts';

const read = (file: string) => readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8');

interface Service {
  image?: string;
  build?: unknown;
  command?: string[];
  environment?: Record<string, string>;
  profiles?: string[];
  ports?: string[];
  healthcheck?: { test: string[] };
  restart?: string;
  mem_limit?: string;
  depends_on?: Record<string, { condition: string }>;
}

const compose = parse(read('docker-compose.local.yml'), { merge: true }) as { services: Record<string, Service>; volumes: Record<string, unknown> };
const services = compose.services;
const hubServices = Object.entries(services).filter(([, service]) => service.image === 'community-resilience-hub:local');
/** Variables that configure a container rather than the hub (compose interpolation, glibc, images). */
const NOT_HUB_SETTINGS = new Set(['POSTGRES_PASSWORD', 'POSTGRES_USER', 'POSTGRES_DB', 'MATRIX_SERVER_NAME', 'MATRIX_REGISTRATION_TOKEN']);
const hubSettings = new Set(Object.keys(envSchema.shape));

describe('docker-compose.local.yml', () => {
  it('has the seed services: database, ollama, api, bot, workers, sync-worker (sync profile), matrix (matrix profile)', () => {
    expect(Object.keys(services).sort()).toEqual(['api', 'bot', 'database', 'matrix', 'ollama', 'sync-worker', 'workers']);
    expect(services['sync-worker']!.profiles).toEqual(['sync']);
    expect(services.matrix!.profiles).toEqual(['matrix']);
    for (const name of ['database', 'ollama', 'api', 'bot', 'workers']) expect(services[name]!.profiles).toBeUndefined();
    expect(services.database!.image).toMatch(/^pgvector\/pgvector:pg1[5-9]$/);
  });

  it('runs every hub service from one image as `node cli/hub.ts start --role <role>` with a role the code knows', () => {
    const roles = hubServices.map(([name, service]) => {
      const [node, entry, command, flag, role] = service.command ?? [];
      expect({ name, node, entry, command, flag }).toEqual({ name, node: 'node', entry: 'cli/hub.ts', command: 'start', flag: '--role' });
      expect(parseRoles(role)).toEqual([role]);
      return role;
    });
    // One container per role; sync runs rounds with the cloud (SYNC_* settings from .env).
    expect(roles.sort()).toEqual(['api', 'bot', 'sync', 'workers']);
    expect(roleNames).toEqual(expect.arrayContaining(roles as string[]));
  });

  it('sets only settings the hub reads, and interpolates only hub settings or documented container variables', () => {
    for (const [name, service] of hubServices) {
      const unknown = Object.keys(service.environment ?? {}).filter((key) => !hubSettings.has(key));
      expect({ name, unknown }).toEqual({ name, unknown: [] });
      expect(service.environment?.DATABASE_URL).toMatch(/@database:5432\//);
      expect(service.depends_on?.database?.condition).toBe('service_healthy');
    }
    const interpolated = [...read('docker-compose.local.yml').matchAll(/\$\{([A-Z0-9_]+)/g)].map((match) => match[1]!);
    expect(interpolated.filter((name) => !hubSettings.has(name) && !NOT_HUB_SETTINGS.has(name))).toEqual([]);
    // Container-only variables are explained in .env.example (as comments: they are not hub settings).
    for (const name of new Set(interpolated.filter((n) => NOT_HUB_SETTINGS.has(n)))) expect(read('.env.example')).toContain(`# ${name}=`);
  });

  it('gives every service a healthcheck, a restart policy and a memory limit, and publishes only the Matrix port beyond 127.0.0.1', () => {
    for (const [name, service] of Object.entries(services)) {
      expect({ name, healthcheck: Boolean(service.healthcheck?.test?.length) }).toEqual({ name, healthcheck: true });
      expect({ name, restart: service.restart }).toEqual({ name, restart: 'unless-stopped' });
      expect({ name, memory: /^\d+[mg]$/.test(service.mem_limit ?? '') }).toEqual({ name, memory: true });
      for (const port of service.ports ?? []) {
        if (name !== 'matrix') expect({ name, port }).toEqual({ name, port: expect.stringMatching(/^127\.0\.0\.1:/) });
      }
    }
    for (const [, service] of hubServices) expect(service.healthcheck!.test.join(' ')).toContain('/health/ready');
  });
});

describe('Dockerfiles', () => {
  const packageJson = JSON.parse(read('package.json')) as { engines: { node: string }; imports: Record<string, string> };
  const runtimeParts = ['api', 'bot', 'admin', 'workers', 'cli'];

  for (const file of ['Dockerfile', 'Dockerfile.cloud']) {
    it(`${file} installs package.json's dependencies from the lock file and copies every part the hub imports`, () => {
      const dockerfile = read(file);
      expect(dockerfile).toMatch(/^FROM node:24[-\w]*$/m);
      expect(dockerfile).toMatch(/COPY package\.json package-lock\.json \.\//);
      expect(dockerfile).toMatch(/RUN npm ci --omit=dev/);
      for (const part of runtimeParts) expect(dockerfile).toContain(`COPY ${part} ./${part}`);
      // Every import alias the hub itself uses points at a copied folder (tests are not shipped).
      for (const [alias, target] of Object.entries(packageJson.imports)) {
        if (alias !== '#test/*') expect(runtimeParts).toContain(target.split('/')[1]);
      }
      expect(dockerfile).toMatch(/CMD \["node", "cli\/hub\.ts", "start"\]/);
      expect(dockerfile).toContain('/health/ready');
    });
  }

  it('keeps LibreOffice in the local image and out of the slim cloud image', () => {
    expect(read('Dockerfile')).toMatch(/libreoffice-writer-nogui/);
    const instructions = read('Dockerfile.cloud').split('\n').filter((line) => !line.startsWith('#')).join('\n');
    expect(instructions).not.toMatch(/libreoffice|apt-get/i);
    expect(read('Dockerfile.cloud')).toMatch(/DEPLOYMENT_MODE=cloud/);
  });

  it('does not send node_modules, data or secrets into the build', () => {
    const ignored = read('.dockerignore').split('\n');
    expect(ignored).toEqual(expect.arrayContaining(['node_modules', 'data', '.env', '.git']));
  });
});

describe('render.yaml', () => {
  const blueprint = parse(read('render.yaml')) as { services: Array<{ dockerfilePath: string; healthCheckPath: string; envVars: Array<{ key: string; value?: string }> }> };
  const [web] = blueprint.services;

  it('deploys the slim image in cloud mode with readiness as its health check', () => {
    expect(web!.dockerfilePath).toBe('./Dockerfile.cloud');
    expect(web!.healthCheckPath).toBe('/health/ready');
    expect(web!.envVars.find((variable) => variable.key === 'DEPLOYMENT_MODE')?.value).toBe('cloud');
  });

  it('sets only settings the hub reads (and glibc\'s arena limit)', () => {
    const unknown = web!.envVars.map((variable) => variable.key).filter((key) => !hubSettings.has(key) && key !== 'MALLOC_ARENA_MAX');
    expect(unknown).toEqual([]);
  });
});
