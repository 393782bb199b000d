import type { Logger } from '#api/logging/create-logger.ts';

export interface TypingIndicator {
  /** Shows "typing…" once; platforms clear it after a few seconds, so it is repeated. */
  show(): Promise<unknown>;
  /** How often to repeat `show`, a little under the platform's display time. */
  repeatEveryMs: number;
  /** For platforms where typing lasts until cleared (Matrix). */
  clear?(): Promise<unknown>;
}

/** Runs `work` with the typing indicator on; an indicator that fails is only worth a debug line. */
export async function whileTyping<T>(indicator: TypingIndicator, logger: Logger, work: () => Promise<T>): Promise<T> {
  let shown: Promise<unknown> = Promise.resolve();
  const show = () => {
    shown = indicator.show().catch((error: unknown) => logger.debug({ err: error }, 'typing indicator failed'));
  };
  show();
  const timer = setInterval(show, indicator.repeatEveryMs);
  try {
    return await work();
  } finally {
    clearInterval(timer);
    if (indicator.clear) {
      // A "typing" that lands after the "stopped typing" would leave the indicator on for its full timeout.
      await shown;
      await indicator.clear().catch((error: unknown) => logger.debug({ err: error }, 'clearing the typing indicator failed'));
    }
  }
}
