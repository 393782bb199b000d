/**
 * Entry of the extraction child process (forked by `runExtractionChild`). It reads one job from IPC,
 * extracts it, sends progress and exactly one result or failure, and exits. The parent enforces the
 * time and memory limits by killing this process, so nothing here needs to be careful about them.
 */
import { extractInProcess } from '../extract-in-process.ts';
import type { ChildMessage, ExtractMessage } from './child-messages.ts';
import { serializeError } from './serialize-error.ts';

function send(message: ChildMessage): Promise<void> {
  return new Promise((resolve) => {
    if (!process.send) return resolve();
    process.send(message, undefined, {}, () => resolve());
  });
}

async function finish(message: ChildMessage, exitCode: number): Promise<never> {
  await send(message);
  process.exit(exitCode);
}

const fail = (error: unknown) => finish({ type: 'failure', error: serializeError(error) }, 1);

process.on('uncaughtException', fail);
process.on('unhandledRejection', fail);
// A parent that went away cannot receive the result: stop working.
process.on('disconnect', () => process.exit(1));

process.once('message', (message: ExtractMessage) => {
  extractInProcess(message.job, (progress) => void send({ type: 'progress', progress }))
    .then((document) => finish({ type: 'result', document }, 0))
    .catch(fail);
});
