import { AppError, ErrorCode, type ErrorCode as ErrorCodeType } from '../../../errors/app-error.ts';
import type { SerializedError } from './child-messages.ts';

const describe = (value: unknown) =>
  value instanceof Error ? { name: value.name, message: value.message } : { name: 'Error', message: String(value) };

/** Flattens an error for IPC, keeping the AppError code, details and the cause's message. */
export function serializeError(error: unknown): SerializedError {
  const base = describe(error);
  if (!(error instanceof AppError)) return base;
  return { ...base, code: error.code, details: error.details, cause: error.cause === undefined ? undefined : describe(error.cause) };
}

const knownCodes: readonly string[] = Object.values(ErrorCode);

/** Rebuilds the AppError on the parent side; anything that was not an AppError becomes `internal`. */
export function deserializeError(serialized: SerializedError): AppError {
  const cause = Object.assign(new Error(serialized.cause?.message ?? serialized.message), { name: serialized.cause?.name ?? serialized.name });
  const code = serialized.code && knownCodes.includes(serialized.code) ? (serialized.code as ErrorCodeType) : ErrorCode.internal;
  return new AppError(code, serialized.message, { cause, details: serialized.details });
}
