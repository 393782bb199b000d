import { createHash } from 'node:crypto';

/**
 * A UUID derived from a name (version 8, "custom": sha256 of the parts). Rows named the same way on two
 * instances — the community "riverside" created on the cloud and on a laptop while they could not talk —
 * get the same id, so sync sees one entity instead of two that collide on the name.
 */
export function nameBasedId(...parts: string[]): string {
  const digest = createHash('sha256').update(parts.join('\u0000')).digest('hex');
  const variant = ((parseInt(digest[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${digest.slice(0, 8)}-${digest.slice(8, 12)}-8${digest.slice(13, 16)}-${variant}${digest.slice(17, 20)}-${digest.slice(20, 32)}`;
}
