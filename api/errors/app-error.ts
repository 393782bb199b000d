/**
 * The hub's typed errors. Every failure a caller can act on is one of these codes; anything else is a
 * bug and is reported as `internal` without its message. Keep `cause` so logs show the real origin.
 */
export const ErrorCode = {
  invalidInput: 'invalid_input',
  unauthorized: 'unauthorized',
  forbidden: 'forbidden',
  notFound: 'not_found',
  conflict: 'conflict',
  payloadTooLarge: 'payload_too_large',
  /** Too many requests or pending uploads from one client: try again later. */
  tooMany: 'too_many',
  unsupportedType: 'unsupported_type',
  documentUnreadable: 'document_unreadable',
  dependencyUnavailable: 'dependency_unavailable',
  configInvalid: 'config_invalid',
  dataDirLocked: 'data_dir_locked',
  internal: 'internal',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export interface AppErrorOptions {
  cause?: unknown;
  /** Machine-readable detail safe to show to clients (e.g. which limit was hit). */
  details?: Record<string, unknown>;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, message: string, options: AppErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.details = options.details;
  }
}

export const invalidInput = (message: string, options?: AppErrorOptions) => new AppError(ErrorCode.invalidInput, message, options);
export const notFound = (message: string, options?: AppErrorOptions) => new AppError(ErrorCode.notFound, message, options);
export const unavailable = (message: string, options?: AppErrorOptions) =>
  new AppError(ErrorCode.dependencyUnavailable, message, options);

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}

/** A short, human message for any error: the AppError message, or a generic line for unknown errors. */
export function describeError(error: unknown): string {
  if (isAppError(error)) return error.message;
  return 'Something went wrong inside the hub. The details are in the server log.';
}
