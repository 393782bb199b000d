/**
 * Answers run in the background so one slow LLM answer does not hold up other chats; this keeps track
 * of them so stopping can wait for answers already being written instead of cutting them off.
 */
export interface TaskTracker {
  /** Starts `task` now; it must handle its own errors (a rejection is swallowed here). */
  run(task: () => Promise<unknown>): void;
  /** Waits for running tasks, at most `timeoutMs`. */
  drain(timeoutMs: number): Promise<void>;
}

export function createTaskTracker(): TaskTracker {
  const running = new Set<Promise<unknown>>();
  return {
    run(task) {
      const promise: Promise<unknown> = task()
        .catch(() => {})
        .finally(() => running.delete(promise));
      running.add(promise);
    },
    async drain(timeoutMs) {
      if (running.size === 0) return;
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, timeoutMs);
      });
      await Promise.race([Promise.allSettled([...running]), timeout]);
      clearTimeout(timer);
    },
  };
}
