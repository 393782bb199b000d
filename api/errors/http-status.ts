import { ErrorCode } from './app-error.ts';

/** The one mapping from error codes to HTTP status. A dependency outage is 503, never 400. */
export const httpStatusByCode: Record<ErrorCode, number> = {
  [ErrorCode.invalidInput]: 400,
  [ErrorCode.unauthorized]: 401,
  [ErrorCode.forbidden]: 403,
  [ErrorCode.notFound]: 404,
  [ErrorCode.conflict]: 409,
  [ErrorCode.payloadTooLarge]: 413,
  [ErrorCode.tooMany]: 429,
  [ErrorCode.unsupportedType]: 415,
  [ErrorCode.documentUnreadable]: 422,
  [ErrorCode.dependencyUnavailable]: 503,
  [ErrorCode.configInvalid]: 500,
  [ErrorCode.dataDirLocked]: 503,
  [ErrorCode.internal]: 500,
};
