/**
 * Setup of the fast unit tier (`npm run test:unit`): its tests must be pure, so starting a child
 * process fails at once instead of slowing the tier down unnoticed. (No database either: the unit tier
 * has no global setup, so a test database cannot be made.) Move a test that needs either to the
 * integration tier by taking it off the unit list in vitest.config.ts.
 */
import childProcess from 'node:child_process';
import { syncBuiltinESMExports } from 'node:module';

const refuse = (name: string) => () => {
  throw new Error(`${name}() in a unit test: the unit tier runs no child processes. Take this test off the unit list in vitest.config.ts.`);
};
for (const name of ['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork'] as const) {
  (childProcess as unknown as Record<string, unknown>)[name] = refuse(name);
}
syncBuiltinESMExports();
