import { createHash, timingSafeEqual } from 'node:crypto';

const BEARER = /^bearer\s+(.+)$/i;
const digest = (value: string) => createHash('sha256').update(value).digest();

/**
 * Whether an `Authorization` header carries the API token. Both sides are hashed before the
 * constant-time comparison, so neither the token's content nor its length leaks through timing.
 */
export function presentsApiToken(header: string | undefined, token: string): boolean {
  const presented = BEARER.exec(header ?? '')?.[1]?.trim() ?? '';
  return timingSafeEqual(digest(presented), digest(token));
}
