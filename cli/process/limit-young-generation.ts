import { setFlagsFromString } from 'node:v8';

/**
 * V8 sizes the young generation from the machine's memory: on a large host a freshly started hub
 * grows it to 64-128 MB while loading its modules, and never gives it back, which alone would break a
 * 512 MB cloud instance. Keeping it at its initial size costs some extra minor collections and saves
 * ~140 MB of RSS (docs/cloud-memory.md). `--max-semi-space-size` is only read when the heap is set up,
 * so the growth factor is what can still be changed from here; cli/hub.ts imports this module first,
 * before anything grows the heap. An explicit semi-space flag (command line or NODE_OPTIONS) wins.
 */
const explicit = [...process.execArgv, process.env.NODE_OPTIONS ?? ''].some((flag) => /--(max|min)-semi-space-size|--semi-space-growth-factor/.test(flag));
if (!explicit) setFlagsFromString('--semi-space-growth-factor=1');
