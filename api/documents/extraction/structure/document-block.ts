/**
 * The neutral structure every extractor produces before Markdown: a flat list of blocks in reading
 * order. Headings carry levels; sections and Markdown are both derived from this list.
 */
export type DocumentBlock =
  | { type: 'heading'; level: number; text: string; page: number | null }
  | { type: 'paragraph'; text: string; page: number | null }
  | { type: 'listItem'; text: string; depth: number; ordered: boolean; page: number | null }
  | { type: 'table'; rows: string[][]; page: number | null }
  | { type: 'code'; text: string; page: number | null }
  /** Markdown taken over as written (from Markdown input), never re-escaped. */
  | { type: 'markdown'; text: string; page: number | null };

/** The deepest heading level Markdown can express. */
export const MAX_HEADING_LEVEL = 6;
