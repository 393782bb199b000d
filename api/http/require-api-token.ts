import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { AppError, ErrorCode } from '../errors/app-error.ts';

/** The auth scheme is case-insensitive (RFC 9110): `Bearer`, `bearer` and `BEARER` all name it. */
const BEARER = /^bearer[ \t]+(\S.*)$/i;

/** When a token is configured, every request in this context must carry `Authorization: Bearer <token>`. */
export function requireApiToken(app: FastifyInstance, token: string | undefined): void {
  if (!token) return;
  const expected = digest(token);
  app.addHook('onRequest', async (request) => {
    const header = request.headers.authorization ?? '';
    const presented = BEARER.exec(header)?.[1]?.trim() ?? '';
    if (!tokensMatch(presented, expected)) {
      throw new AppError(
        ErrorCode.unauthorized,
        header ? 'The API token is wrong.' : 'This hub requires an API token: send the header "Authorization: Bearer <HUB_API_TOKEN>".',
      );
    }
  });
}

/**
 * Compares digests of equal length, so neither the time taken nor an early length check tells a
 * caller how long the real token is or how much of it they got right.
 */
export function tokensMatch(presented: string, expectedDigest: Buffer): boolean {
  return timingSafeEqual(digest(presented), expectedDigest);
}

export function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}
