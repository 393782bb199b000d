import { isAppError } from '#api/errors/app-error.ts';

/** The person at the terminal runs the hub: show them the real message (chat users never see this). */
export function describeForOperator(error: unknown): string {
  if (isAppError(error)) return `hub: ${error.message}`;
  const message = error instanceof Error ? error.message : String(error);
  return `hub: unexpected error: ${message}\n(run again with --verbose for the log)`;
}
