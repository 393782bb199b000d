import { sql, type SQL } from 'drizzle-orm';

const MAX_HEADING_CHARS = 80;

export interface ChunkSearchFields {
  title: string;
  /** Tags and category: weak topical hints. */
  labels: string[];
  sectionPath: string[];
  text: string;
}

/**
 * The tsvector of a chunk: document title as weight A, section headings B, tags and category C, body
 * D (see FIELD_WEIGHTS in search-full-text.ts). Every chunk carries its document's title, so a
 * question naming the hazard of a one-page sheet finds that sheet even where the body is terse.
 */
export function chunkSearchVector(config: string, fields: ChunkSearchFields): SQL {
  const cfg = sql`${config}::regconfig`;
  // A "heading" longer than a line is a paragraph the extractor misread; boosting it would boost noise.
  // Headings inside the text (small sections packed into one chunk, a long list's repeated title) count as headings.
  const headings = [...fields.sectionPath, ...headingLinesOf(fields.text)].filter((heading) => heading.length <= MAX_HEADING_CHARS).join(' ');
  return sql`setweight(to_tsvector(${cfg}, ${fields.title}), 'A')
    || setweight(to_tsvector(${cfg}, ${headings}), 'B')
    || setweight(to_tsvector(${cfg}, ${fields.labels.join(' ')}), 'C')
    || setweight(to_tsvector(${cfg}, ${fields.text}), 'D')`;
}

function headingLinesOf(text: string): string[] {
  return [...text.matchAll(/^#{1,6}\s+(.+)$/gm)].map((match) => match[1]!.trim());
}

/** The title people see and search: the declared title, else the file name without extension and dashes. */
export function displayTitle(title: string | null, filename: string): string {
  if (title?.trim()) return title.trim();
  return filename.replace(/\.[a-z0-9]{1,5}$/i, '').replace(/[-_.]+/g, ' ').trim();
}
