import { DocumentKind, type DetectedFileType } from './document-kind.ts';

const HTML_START = /^\s*(?:<\?xml[^>]*>\s*)?(?:<!--[\s\S]*?-->\s*)*<(?:!doctype\s+html|html[\s>]|head[\s>]|body[\s>])/i;
const HTML_TAGS = /<(?:p|div|h[1-6]|table|ul|ol|li|a\s+href|br|span)[\s>/]/gi;
const MARKDOWN_SIGNALS = [
  /^#{1,6}\s+\S/m, // ATX heading
  /^\s{0,3}[-*+]\s+\S/m, // bullet list
  /^\s{0,3}\d+[.)]\s+\S/m, // ordered list
  /\[[^\]\n]+\]\([^)\s]+\)/, // link
  /^```/m, // fenced code
  /^\|.*\|\s*$\n^\|?\s*:?-{3,}/m, // pipe table
  /^\S.*\n(?:=+|-+)\s*$/m, // setext heading
];
const MARKDOWN_EXTENSIONS = new Set(['md', 'markdown', 'mdown', 'mkd']);
const CSV_EXTENSIONS = new Set(['csv', 'tsv']);
const CSV_DELIMITERS = [',', ';', '\t'] as const;
const CSV_MIN_ROWS = 2;

const textType = (fileType: string, mimeType: string, kind: DocumentKind): DetectedFileType => ({ fileType, mimeType, kind });

/** How often a delimiter separates fields on a line, ignoring delimiters inside quoted fields. */
function countDelimiters(line: string, delimiter: string): number {
  let count = 0;
  let quoted = false;
  for (const char of line) {
    if (char === '"') quoted = !quoted;
    else if (char === delimiter && !quoted) count += 1;
  }
  return count;
}

/** The delimiter every sampled line uses the same number of times (>= 1), or undefined. */
export function findCsvDelimiter(sample: string): string | undefined {
  const lines = sample.split(/\r?\n/).filter((line) => line.trim() !== '').slice(0, 20);
  if (lines.length < CSV_MIN_ROWS) return undefined;
  for (const delimiter of CSV_DELIMITERS) {
    const counts = lines.map((line) => countDelimiters(line, delimiter));
    if (counts[0]! >= 1 && counts.every((count) => count === counts[0])) return delimiter;
  }
  return undefined;
}

/**
 * Tells HTML, Markdown, CSV and plain text apart from the decoded start of a text file. The claimed
 * extension only breaks ties between text formats (it never makes a binary file text).
 */
export function sniffTextFormat(sample: string, claimedExtension: string): DetectedFileType {
  const htmlTagCount = sample.match(HTML_TAGS)?.length ?? 0;
  if (HTML_START.test(sample) || htmlTagCount >= 3) return textType('html', 'text/html', DocumentKind.html);
  if (CSV_EXTENSIONS.has(claimedExtension) && findCsvDelimiter(sample)) return textType('csv', 'text/csv', DocumentKind.text);
  const markdownScore = MARKDOWN_SIGNALS.filter((signal) => signal.test(sample)).length;
  if (MARKDOWN_EXTENSIONS.has(claimedExtension) || markdownScore >= 2) {
    return textType('md', 'text/markdown', DocumentKind.markdown);
  }
  return textType('txt', 'text/plain', DocumentKind.text);
}
