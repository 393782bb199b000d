import { createHash } from 'node:crypto';

/** Hex SHA-256 of a file's bytes: the identity of a document (the same file twice is one document). */
export function hashBytes(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
