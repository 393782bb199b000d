import type { RateLimitOptions } from '@fastify/rate-limit';
import { AppError, ErrorCode } from '../errors/app-error.ts';

const ONE_MINUTE_MS = 60_000;

/**
 * The per-client limit of a route that costs real work (an answer runs retrieval and an LLM): at most
 * `perMinute` requests a minute from one address, then a polite 429 with `Retry-After`. Use as the
 * route's `config.rateLimit`; the @fastify/rate-limit plugin must be registered (not global) first.
 */
export function perClientRateLimit(perMinute: number, what: string): RateLimitOptions {
  return {
    max: perMinute,
    timeWindow: ONE_MINUTE_MS,
    keyGenerator: (request) => request.ip,
    errorResponseBuilder: (_request, context) => {
      const seconds = Math.max(1, Math.ceil(context.ttl / 1000));
      return new AppError(
        ErrorCode.tooMany,
        `Sorry, that is more than ${context.max} ${what} a minute from your address. Please wait ${seconds} s and try again.`,
        { details: { retryAfterSeconds: seconds, limitPerMinute: context.max } },
      );
    },
  };
}
