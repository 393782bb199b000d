import type { ChildProcess } from 'node:child_process';

const liveChildren = new Set<ChildProcess>();
let exitHookInstalled = false;

/** SIGKILLs a detached child's whole process group (the child and everything it started). */
export function killProcessGroup(child: ChildProcess): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    // ESRCH: the group is already gone.
  }
}

/**
 * Remembers a running child so that it dies with this process: detached children would otherwise
 * outlive a crashed or stopped server. Returns the function that forgets it.
 */
export function trackChild(child: ChildProcess): () => void {
  liveChildren.add(child);
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.on('exit', () => {
      for (const running of liveChildren) killProcessGroup(running);
    });
  }
  return () => liveChildren.delete(child);
}
