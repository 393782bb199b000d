import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { isDatabaseUnavailable, isUnstorableText } from '../db/classify-database-error.ts';
import { AppError, ErrorCode, isAppError } from '../errors/app-error.ts';
import { httpStatusByCode } from '../errors/http-status.ts';

/** Fastify's own errors that are really the client's input, mapped to our codes. */
const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_REQ_FILE_TOO_LARGE: ErrorCode.payloadTooLarge,
  FST_ERR_CTP_BODY_TOO_LARGE: ErrorCode.payloadTooLarge,
  FST_FILES_LIMIT: ErrorCode.invalidInput,
  FST_INVALID_MULTIPART_CONTENT_TYPE: ErrorCode.invalidInput,
  FST_ERR_CTP_INVALID_MEDIA_TYPE: ErrorCode.unsupportedType,
  FST_ERR_CTP_EMPTY_JSON_BODY: ErrorCode.invalidInput,
  FST_ERR_CTP_INVALID_JSON_BODY: ErrorCode.invalidInput,
};

/**
 * The one place errors become HTTP responses: `{ error: { code, message, details? } }`. Known errors keep
 * their message; anything else is logged with its stack and the client gets a generic 500.
 */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const appError = toAppError(error);
    const status = httpStatusByCode[appError.code];
    if (status >= 500) request.log.error({ err: error }, appError.message);
    else request.log.info({ code: appError.code }, appError.message);
    void reply.status(status).send({ error: { code: appError.code, message: appError.message, details: appError.details } });
  });
  app.setNotFoundHandler((request, reply) => {
    void reply.status(404).send({ error: { code: ErrorCode.notFound, message: `No route ${request.method} ${request.url}` } });
  });
}

function toAppError(error: FastifyError): AppError {
  if (isAppError(error)) return error;
  if (hasZodFastifySchemaValidationErrors(error)) {
    const problems = error.validation.map((issue) => `${issue.instancePath.replace(/^\//, '').replaceAll('/', '.') || 'body'}: ${issue.message}`);
    return new AppError(ErrorCode.invalidInput, `The request is not valid: ${problems.join('; ')}`, { details: { problems } });
  }
  const mapped = error.code ? FASTIFY_CODES[error.code] : undefined;
  if (mapped) return new AppError(mapped, error.message, { cause: error });
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
    return new AppError(ErrorCode.invalidInput, error.message, { cause: error });
  }
  // An outage is the client's cue to retry later (503), not a bug report (500).
  if (isDatabaseUnavailable(error)) {
    return new AppError(ErrorCode.dependencyUnavailable, 'The hub cannot reach its database right now; try again in a moment. The server log has the details.', { cause: error });
  }
  // The last line of defence for text the routes did not check: PostgreSQL refuses NUL bytes.
  if (isUnstorableText(error)) {
    return new AppError(ErrorCode.invalidInput, 'The request contains a NUL byte (\\0), which text fields cannot hold; remove it and send again.', { cause: error });
  }
  return new AppError(ErrorCode.internal, 'Something went wrong inside the hub. The details are in the server log.', { cause: error });
}
