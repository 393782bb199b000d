/**
 * Entry of the extraction child process (forked by `runExtractionChild`). It reads one job from IPC,
 * extracts it, sends progress and exactly one result or failure, and exits. The parent enforces the
 * time and memory limits by killing this process, so nothing here needs to be careful about them.
 */
import { enableCompileCache, flushCompileCache } from 'node:module';
import type { ChildMessage, ExtractMessage } from './child-messages.ts';
import { serializeError } from './serialize-error.ts';

// Every document starts a fresh process that compiles pdf.js (~2.5 MB) and strips the types of our
// sources again: V8's on-disk code cache (os.tmpdir()/node-compile-cache) saves ~0.15 CPU s of each
// start. It only covers modules loaded after this call, hence the dynamic import.
enableCompileCache();
const extractor = import('../extract-in-process.ts');

function send(message: ChildMessage): Promise<void> {
  return new Promise((resolve) => {
    if (!process.send) return resolve();
    process.send(message, undefined, {}, () => resolve());
  });
}

async function finish(message: ChildMessage, exitCode: number): Promise<never> {
  // The parent kills this process as soon as the result arrives, before Node's own flush at exit.
  flushCompileCache();
  await send(message);
  process.exit(exitCode);
}

const fail = (error: unknown) => finish({ type: 'failure', error: serializeError(error) }, 1);

process.on('uncaughtException', fail);
process.on('unhandledRejection', fail);
// A parent that went away cannot receive the result: stop working.
process.on('disconnect', () => process.exit(1));

process.once('message', (message: ExtractMessage) => {
  extractor
    .then(({ extractInProcess }) => extractInProcess(message.job, (progress) => void send({ type: 'progress', progress })))
    .then((document) => finish({ type: 'result', document }, 0))
    .catch(fail);
});
