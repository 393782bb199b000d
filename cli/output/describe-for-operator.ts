import { isAppError } from '#api/errors/app-error.ts';
import { redactSecretShapes } from '#api/logging/redact-secrets.ts';

/**
 * The person at the terminal runs the hub: show them the real message (chat users never see this),
 * less any credential in it (a start that failed may have been handed one in a URL).
 */
export function describeForOperator(error: unknown): string {
  if (isAppError(error)) return redactSecretShapes(`hub: ${error.message}`);
  const message = error instanceof Error ? error.message : String(error);
  return redactSecretShapes(`hub: unexpected error: ${message}\n(run again with --verbose for the log)`);
}
