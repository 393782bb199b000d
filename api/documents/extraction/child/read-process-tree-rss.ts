import { readdirSync, readFileSync } from 'node:fs';

const KIBIBYTE = 1024;
/** Guards against a /proc loop or a fork bomb turning the walk itself into a problem. */
const MAX_PROCESSES = 256;

function readChildren(pid: number): number[] {
  const children: number[] = [];
  try {
    for (const task of readdirSync(`/proc/${pid}/task`)) {
      const listed = readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').trim();
      if (listed) children.push(...listed.split(/\s+/).map(Number));
    }
  } catch {
    // The process ended between two reads, or the kernel has no children files: count what we have.
  }
  return children;
}

/** VmRSS of one process in bytes, 0 when it is gone (a zombie has no VmRSS line). */
export function readProcessRss(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
    return match ? Number(match[1]) * KIBIBYTE : 0;
  } catch {
    return 0;
  }
}

/** The process and all its descendants (LibreOffice, helpers), walked through /proc. */
export function listProcessTree(pid: number): number[] {
  const seen = new Set<number>([pid]);
  const queue = [pid];
  while (queue.length > 0 && seen.size < MAX_PROCESSES) {
    for (const child of readChildren(queue.shift()!)) {
      if (!seen.has(child)) {
        seen.add(child);
        queue.push(child);
      }
    }
  }
  return [...seen];
}

/**
 * Resident memory of a process tree, read by the parent from /proc so that it counts V8 heap, WASM
 * memory and native buffers alike, and works while the child's event loop is blocked.
 */
export function readProcessTreeRss(pid: number): number {
  return listProcessTree(pid).reduce((sum, member) => sum + readProcessRss(member), 0);
}

/** Linux reports CPU times in clock ticks of 1/100 s (USER_HZ) on every mainstream architecture. */
const CLOCK_TICKS_PER_SECOND = 100;

/** User plus system CPU seconds a process has used so far (0 when it is gone). */
export function readProcessCpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may contain spaces) start after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}
