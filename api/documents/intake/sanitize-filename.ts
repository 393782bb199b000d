import path from 'node:path';

const MAX_NAME_LENGTH = 120;
const FALLBACK_STEM = 'document';
// Control characters (C0, DEL, C1), bidi overrides that disguise extensions, and characters Windows forbids.
// eslint-disable-next-line no-control-regex
const UNSAFE_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069<>:"|?*]/g;

/**
 * A name safe to show and to use as the last part of a path: no directories, no `..`, no control
 * characters, trimmed to a readable length with its extension kept. Use it on every claimed upload name.
 */
export function sanitizeFilename(claimedName: string): string {
  const lastPart = claimedName.replaceAll('\\', '/').split('/').pop() ?? '';
  const cleaned = lastPart
    .normalize('NFC')
    .replace(UNSAFE_CHARACTERS, '')
    .replace(/\s+/g, ' ')
    .replace(/^[.\s]+/, '')
    .replace(/[.\s]+$/, '')
    .trim();
  const extension = path.extname(cleaned).slice(0, 16);
  const stem = (extension ? cleaned.slice(0, -extension.length) : cleaned).replace(/\.{2,}/g, '.').trim();
  const safeStem = (stem || FALLBACK_STEM).slice(0, MAX_NAME_LENGTH - extension.length);
  return `${safeStem}${extension.toLowerCase()}`;
}
