/** Where a long text may be cut, best first: between paragraphs, lines, sentences, words. */
const BREAKS = ['\n\n', '\n', '. ', ' '] as const;

/**
 * Use to cut text for platforms with a message length limit: pieces of at most `limit` characters,
 * cut at the nicest break in the second half of the window, else anywhere but inside an emoji or
 * other character made of two UTF-16 units.
 */
export function splitText(text: string, limit: number): string[] {
  if (!Number.isInteger(limit) || limit < 2) throw new RangeError(`limit must be an integer of at least 2, got ${limit}`);
  const pieces: string[] = [];
  let rest = text.trim();
  while (rest.length > limit) {
    const cut = cutPosition(rest, limit);
    pieces.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).trimStart();
  }
  if (rest.length > 0) pieces.push(rest);
  return pieces;
}

function cutPosition(text: string, limit: number): number {
  let fallback = 0;
  for (const separator of BREAKS) {
    const at = text.lastIndexOf(separator, limit - 1);
    // A sentence keeps its full stop; whitespace separators vanish with the trim.
    const cut = separator === '. ' ? at + 1 : at;
    if (at <= 0) continue;
    if (cut >= limit / 2) return cut;
    fallback ||= cut;
  }
  if (fallback > 0) return fallback;
  return isHighSurrogate(text.charCodeAt(limit - 1)) ? limit - 1 : limit;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}
