import type { Citation } from './answer-types.ts';
import { displayTitle } from './retrieval/chunk-search-vector.ts';
import type { RetrievedChunk } from './retrieval/retrieve-chunks.ts';
import type { PromptSource } from './llm/answer-prompt.ts';

const SNIPPET_CHARS = 280;
/** A chunk spanning more pages than this lists only its first and last. */
const MAX_LISTED_PAGES = 12;
const MAX_LABEL_SECTION_CHARS = 70;

/** Use to turn retrieved chunks into the citations of an answer, in prompt order. */
export function buildCitations(chunks: RetrievedChunk[]): Citation[] {
  return chunks.map((chunk) => ({
    documentId: chunk.documentId,
    filename: chunk.filename,
    title: chunk.title,
    section: chunk.sectionPath.length > 0 ? chunk.sectionPath.join(' > ') : null,
    pages: pageList(chunk.pageStart, chunk.pageEnd),
    snippet: snippetOf(chunk.text),
    score: chunk.score,
  }));
}

/** Use to show retrieved chunks to the model as numbered, quoted sources. */
export function buildPromptSources(chunks: RetrievedChunk[]): PromptSource[] {
  return chunks.map((chunk) => ({
    title: displayTitle(chunk.title, chunk.filename),
    section: chunk.sectionPath.length > 0 ? chunk.sectionPath.join(' > ') : null,
    pages: formatPages(chunk.pageStart, chunk.pageEnd),
    text: chunk.text,
  }));
}

/** "Title, Section (p. 2)" for extractive quotes. */
export function sourceLabel(chunk: RetrievedChunk): string {
  const heading = chunk.sectionPath.at(-1);
  // Extractors sometimes take a whole sentence for a heading: keep labels to one short line.
  const section = heading && heading.length > MAX_LABEL_SECTION_CHARS ? `${heading.slice(0, MAX_LABEL_SECTION_CHARS)}…` : heading;
  const pages = formatPages(chunk.pageStart, chunk.pageEnd);
  return `${displayTitle(chunk.title, chunk.filename)}${section ? ` — ${section}` : ''}${pages ? ` (p. ${pages})` : ''}`;
}

function pageList(start: number | null, end: number | null): number[] {
  if (start === null) return [];
  const last = end ?? start;
  if (last - start + 1 > MAX_LISTED_PAGES) return [start, last];
  return Array.from({ length: last - start + 1 }, (_, i) => start + i);
}

function formatPages(start: number | null, end: number | null): string | null {
  if (start === null) return null;
  return end !== null && end !== start ? `${start}-${end}` : String(start);
}

function snippetOf(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= SNIPPET_CHARS ? flat : `${flat.slice(0, flat.lastIndexOf(' ', SNIPPET_CHARS))}…`;
}
