/**
 * `npm run db:check`: fails when the drizzle schema (api/db/schema) has changes that no committed
 * migration carries, i.e. when `drizzle-kit generate` would write a new migration. It generates into a
 * throwaway copy of the migrations folder, so the repository is never touched.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import config from '../drizzle.config.ts';

const repoRoot = path.resolve(import.meta.dirname, '..');
const committed = path.resolve(repoRoot, config.out ?? 'api/db/migrations');
const scratch = mkdtempSync(path.join(os.tmpdir(), 'hub-db-check-'));
const copy = path.join(scratch, 'migrations');

try {
  cpSync(committed, copy, { recursive: true });
  const drizzleKit = path.join(repoRoot, 'node_modules', '.bin', 'drizzle-kit');
  // drizzle-kit takes `--out` relative to the working directory, and exits 0 even when it failed.
  const out = path.relative(repoRoot, copy);
  const result = spawnSync(drizzleKit, ['generate', '--dialect', config.dialect, '--schema', String(config.schema), '--out', out, '--name', 'uncommitted-schema-change'], {
    cwd: repoRoot,
    encoding: 'utf8',
  });
  const before = new Set(readdirSync(committed));
  const added = readdirSync(copy).filter((name) => name.endsWith('.sql') && !before.has(name));
  if (added.length === 0 && !/No schema changes/.test(result.stdout)) {
    console.error(`db:check: drizzle-kit did not run cleanly (exit ${result.status}):\n${result.stdout}\n${result.stderr}`);
    process.exitCode = 2;
  } else if (added.length > 0) {
    console.error(`db:check: the schema has changes no migration carries. drizzle-kit would generate ${added.join(', ')}:\n`);
    for (const name of added) console.error(readFileSync(path.join(copy, name), 'utf8'));
    console.error('\nRun `npx drizzle-kit generate --name <what changed>` and commit the migration.');
    process.exitCode = 1;
  } else {
    console.log(`db:check: the migrations in ${path.relative(repoRoot, committed)} match the schema.`);
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
