import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';

const script = fileURLToPath(new URL('../test/fakes/chat/run-all-adapters-once.ts', import.meta.url));

// After stop() nothing may hold the event loop: matrix-js-sdk used to leave a ~110 s timer behind (far
// above this bound, which leaves room for the encryption wasm to load on a busy machine).
it('lets the process exit on its own right after every chat adapter stops', async () => {
  const { stdout } = await promisify(execFile)(process.execPath, [script], { timeout: 100_000 });
  expect(stdout).toContain('running: telegram,discord,matrix; replies: 3');
}, 120_000);
