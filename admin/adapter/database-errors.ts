import { ValidationError } from 'adminjs';

/** PostgreSQL error codes a moderator can fix by changing the form (the rest are bugs or outages). */
const FIXABLE = {
  '23505': 'Another row already has this value; it must be unique.',
  '23503': 'This refers to a row that does not exist, or other rows still refer to this one.',
  '23502': 'A required value is missing.',
  '23514': 'A value is outside what is allowed.',
  '22001': 'A value is too long.',
  '22P02': 'A value has the wrong format.',
} as const;

/**
 * Rethrows a constraint violation as a ValidationError so AdminJS shows it on the form; anything
 * else is rethrown unchanged. drizzle wraps driver errors, so the code may sit on `cause`.
 */
export function rethrowAsValidationError(error: unknown): never {
  const code = postgresCode(error);
  const message = code && code in FIXABLE ? FIXABLE[code as keyof typeof FIXABLE] : undefined;
  if (!message) throw error;
  const detail = postgresDetail(error);
  throw new ValidationError({}, { message: detail ? `${message} (${detail})` : message, type: code });
}

/** Looks for a string field on the error or its causes (a few levels; causes could form a loop). */
function findOnCauses(error: unknown, key: 'code' | 'detail', accept: (value: string) => boolean): string | undefined {
  let current = error;
  for (let depth = 0; depth < MAX_CAUSE_DEPTH && current && typeof current === 'object'; depth += 1) {
    const value = (current as Record<string, unknown>)[key];
    if (typeof value === 'string' && accept(value)) return value;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

const MAX_CAUSE_DEPTH = 5;
const postgresCode = (error: unknown) => findOnCauses(error, 'code', (code) => /^[0-9A-Z]{5}$/.test(code));
const postgresDetail = (error: unknown) => findOnCauses(error, 'detail', () => true);
