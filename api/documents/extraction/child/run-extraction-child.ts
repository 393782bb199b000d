import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { UnreadableReason, type ExtractedDocument, type ExtractionProgress } from '../extracted-document.ts';
import type { ChildJob, ExtractionJob } from '../extraction-request.ts';
import { unreadableDocument } from '../unreadable-reason.ts';
import type { ChildMessage, ExtractMessage } from './child-messages.ts';
import { killProcessGroup, trackChild } from './kill-process-group.ts';
import { readProcessCpuSeconds, readProcessTreeRss } from './read-process-tree-rss.ts';
import { deserializeError } from './serialize-error.ts';

const CHILD_ENTRY = fileURLToPath(new URL('./extraction-child.ts', import.meta.url));
/** How often the parent samples the child's memory: fast enough to catch a bomb before it hurts. */
const MEMORY_POLL_MS = 50;
/** Share of the memory limit given to the V8 heap; the rest is for WASM, images and native buffers. */
const HEAP_SHARE = 0.75;
const MIN_HEAP_MB = 64;
/**
 * A small young generation keeps a small worker's RSS down. 8 MB semi-spaces rather than 4 cut the
 * garbage collection of pdf.js's short-lived text items: 4-9 % less CPU on the bench PDFs for ~7 MB
 * more peak RSS (scratch A/B runs, 2026-11-25). A cloud-sized budget cannot spare those MB.
 */
const SMALL_WORKER_MB = 512;
const SMALL_SEMI_SPACE_MB = 8;
const LARGE_SEMI_SPACE_MB = 16;
const TINY_WORKER_MB = 256;
const TINY_SEMI_SPACE_MB = 2;
/**
 * glibc gives each thread that allocates its own malloc arena; V8's helper threads then hold tens of
 * MB of mostly empty arenas. Two arenas cut a cloud parser's peak by 10-30 MB in scratch runs (2026-12-02).
 */
const MALLOC_ARENAS = '2';
const MAX_STDERR_CHARACTERS = 8000;
const MEBIBYTE = 1024 * 1024;
const OUT_OF_MEMORY_OUTPUT = /heap out of memory|Reached heap limit|Allocation failed|out of memory|Cannot allocate memory/i;

/** What the supervisor observed besides the document: the bench and the logs use it. */
export interface ChildRun {
  document: ExtractedDocument;
  peakRssBytes: number;
  durationMs: number;
  /** CPU seconds of the child itself, read from /proc just before it is ended. */
  cpuSeconds: number;
}

export interface ChildOptions {
  onProgress?: (progress: ExtractionProgress) => void;
  signal?: AbortSignal;
}

function semiSpaceFor(memoryMb: number): number {
  if (memoryMb <= TINY_WORKER_MB) return TINY_SEMI_SPACE_MB;
  return memoryMb <= SMALL_WORKER_MB ? SMALL_SEMI_SPACE_MB : LARGE_SEMI_SPACE_MB;
}

function startChild(job: ExtractionJob): ChildProcess {
  const heapMb = Math.max(MIN_HEAP_MB, Math.floor(job.limits.memoryMb * HEAP_SHARE));
  const semiSpaceMb = semiSpaceFor(job.limits.memoryMb);
  return fork(CHILD_ENTRY, [], {
    execArgv: [`--max-old-space-size=${heapMb}`, `--max-semi-space-size=${semiSpaceMb}`, '--disable-warning=ExperimentalWarning'],
    // An operator's own MALLOC_ARENA_MAX wins.
    env: { MALLOC_ARENA_MAX: MALLOC_ARENAS, ...process.env },
    // Its own process group, so one kill also ends LibreOffice and anything else it started.
    detached: true,
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
}

function crashError(code: number | null, signal: NodeJS.Signals | null, stderr: string, memoryMb: number): Error {
  const cause = new Error(`extraction child exited (code ${code}, signal ${signal}): ${stderr.slice(-1000)}`);
  if (OUT_OF_MEMORY_OUTPUT.test(stderr) || signal === 'SIGKILL') return unreadableDocument(UnreadableReason.outOfMemory, { limit: `${memoryMb} MB` }, cause);
  return unreadableDocument(UnreadableReason.damaged, { hint: 'the parser crashed on it' }, cause);
}

/**
 * Runs one job in a supervised child process: a hard wall-clock limit and an RSS limit (process tree,
 * read from /proc), both enforced with SIGKILL on the whole process group, so a parser that blocks
 * its event loop or allocates in WASM cannot hurt the caller. Resolves with the document or rejects
 * with an AppError (timeout, out_of_memory, damaged, or the child's own typed error).
 */
export function runExtractionChild(job: ExtractionJob, options: ChildOptions = {}): Promise<ChildRun> {
  options.signal?.throwIfAborted();
  const started = Date.now();
  const scratchDirectory = mkdtempSync(path.join(os.tmpdir(), 'hub-extraction-'));
  const child = startChild(job);
  const untrack = trackChild(child);
  let stderr = '';
  let peakRssBytes = 0;
  let cpuSeconds = 0;
  let settled = false;
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-MAX_STDERR_CHARACTERS);
  });
  return new Promise<ChildRun>((resolve, reject) => {
    const finish = (outcome: { document: ExtractedDocument } | { error: unknown }) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      clearInterval(memoryWatch);
      options.signal?.removeEventListener('abort', onAbort);
      // A last reading before the kill: the 50 ms samples alone miss up to one interval of CPU time.
      if (child.pid !== undefined) cpuSeconds = Math.max(cpuSeconds, readProcessCpuSeconds(child.pid));
      killProcessGroup(child);
      untrack();
      // LibreOffice and OCR files of a killed child would otherwise stay behind.
      rmSync(scratchDirectory, { recursive: true, force: true });
      if ('document' in outcome) resolve({ document: outcome.document, peakRssBytes, cpuSeconds, durationMs: Date.now() - started });
      else reject(outcome.error);
    };
    const timer = setTimeout(() => finish({ error: unreadableDocument(UnreadableReason.timeout, { limit: `${Math.round(job.limits.timeoutMs / 1000)} s` }) }), job.limits.timeoutMs);
    const memoryWatch = setInterval(() => {
      if (child.pid === undefined) return;
      const rss = readProcessTreeRss(child.pid);
      peakRssBytes = Math.max(peakRssBytes, rss);
      cpuSeconds = Math.max(cpuSeconds, readProcessCpuSeconds(child.pid));
      if (rss > job.limits.memoryMb * MEBIBYTE) {
        finish({ error: unreadableDocument(UnreadableReason.outOfMemory, { limit: `${job.limits.memoryMb} MB`, actual: `${Math.round(rss / MEBIBYTE)} MB` }) });
      }
    }, MEMORY_POLL_MS);
    const onAbort = () => finish({ error: options.signal?.reason });
    options.signal?.addEventListener('abort', onAbort, { once: true });
    child.on('message', (message: ChildMessage) => {
      if (message.type === 'progress') {
        try {
          options.onProgress?.(message.progress);
        } catch {
          // A failing progress display must not fail the extraction.
        }
      } else if (message.type === 'result') finish({ document: message.document });
      else finish({ error: deserializeError(message.error) });
    });
    child.on('error', (error) => finish({ error: unreadableDocument(UnreadableReason.damaged, { hint: 'the extraction process could not start' }, error) }));
    // 'close' comes after the IPC channel has delivered every message, unlike 'exit'.
    child.on('close', (code, signal) => finish({ error: crashError(code, signal, stderr, job.limits.memoryMb) }));
    const childJob: ChildJob = { ...job, scratchDirectory };
    const request: ExtractMessage = { type: 'extract', job: childJob };
    child.send(request);
  });
}
