/**
 * Text comparison for the processing eval: Markdown is reduced to its words so that syntax choices
 * (links, table pipes, heading marks) do not count, only the words and their order.
 */

/** Strips Markdown syntax and keeps lowercase words and numbers. */
export function markdownWords(markdown: string): string[] {
  const text = markdown
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/!\[[^\]]*\]\([^)]*\)/g, ' ')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/&amp;/g, '&')
    .replace(/\\([\\`*_{}[\]()#+\-.!|])/g, '$1')
    .normalize('NFKC')
    .toLowerCase();
  return text.match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** Length of the longest common subsequence of two token lists (two rows of memory). */
export function longestCommonSubsequence(left: readonly string[], right: readonly string[]): number {
  const ids = new Map<string, number>();
  const encode = (tokens: readonly string[]) => Int32Array.from(tokens, (token) => ids.get(token) ?? ids.set(token, ids.size).get(token)!);
  const a = encode(left);
  const b = encode(right);
  let previous = new Int32Array(b.length + 1);
  let current = new Int32Array(b.length + 1);
  for (let i = 1; i <= a.length; i += 1) {
    const token = a[i - 1];
    for (let j = 1; j <= b.length; j += 1) {
      current[j] = token === b[j - 1] ? previous[j - 1]! + 1 : Math.max(previous[j]!, current[j - 1]!);
    }
    [previous, current] = [current, previous];
  }
  return previous[b.length]!;
}

/** Word-level similarity in [0, 1]: 2 x common ordered words / all words (difflib's ratio on words). */
export function textSimilarity(ours: string, reference: string): number {
  const a = markdownWords(ours);
  const b = markdownWords(reference);
  if (a.length + b.length === 0) return 1;
  return (2 * longestCommonSubsequence(a, b)) / (a.length + b.length);
}

/** Share of the reference's words found in the same order in ours: reading order without penalising extra text. */
export function orderedRecall(ours: string, reference: string): number {
  const b = markdownWords(reference);
  return b.length === 0 ? 1 : longestCommonSubsequence(markdownWords(ours), b) / b.length;
}

/** Character error rate: edit distance / reference length, on text with whitespace collapsed. */
export function characterErrorRate(ours: string, reference: string): number {
  const squash = (text: string) => text.normalize('NFKC').replace(/\s+/g, ' ').trim();
  const a = squash(ours);
  const b = squash(reference);
  if (b.length === 0) return a.length === 0 ? 0 : 1;
  let previous = Int32Array.from({ length: b.length + 1 }, (_, index) => index);
  let current = new Int32Array(b.length + 1);
  for (let i = 1; i <= a.length; i += 1) {
    current[0] = i;
    for (let j = 1; j <= b.length; j += 1) {
      const substitution = previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1);
      current[j] = Math.min(substitution, previous[j]! + 1, current[j - 1]! + 1);
    }
    [previous, current] = [current, previous];
  }
  return previous[b.length]! / b.length;
}
