import type { ExtractedDocument, ProcessingMode } from '../extracted-document.ts';
import { guessLanguage } from './guess-language.ts';
import type { DocumentBlock } from './document-block.ts';
import { buildSections } from './build-sections.ts';
import { renderMarkdown } from './render-markdown.ts';

export interface AssembleInput {
  blocks: DocumentBlock[];
  pageCount: number | null;
  processingMode: ProcessingMode;
  needsFullProcessing: boolean;
  /** A title the file declares (PDF Info, Office properties); else the first top heading is used. */
  declaredTitle?: string | null;
  declaredLanguage?: string | null;
  warnings?: string[];
}

const MAX_TITLE_LENGTH = 200;
/**
 * Titles that authoring tools write into a file's metadata, not its authors: a layout template's name,
 * "Microsoft Word - draft3.doc", a file name, "Untitled", "Slide 1". The first real heading says more.
 */
const GENERIC_TITLE =
  /^(?:document layout|layout \d*|untitled.*|title|slide \d+|powerpoint presentation|presentation\d*|document\d*|microsoft (?:word|powerpoint|excel) - .*|.*\.(?:docx?|pdf|pptx?|xlsx?|odt|rtf|indd|qxd|p65|pub|txt))$/i;

/** True when a declared title is an authoring tool's placeholder rather than the document's title. */
export function isGenericTitle(title: string): boolean {
  return GENERIC_TITLE.test(title.trim()) || !/\p{L}{3}/u.test(title);
}

function pickTitle(declared: string | null | undefined, blocks: readonly DocumentBlock[]): string | null {
  const cleaned = declared?.replace(/\s+/g, ' ').trim();
  if (cleaned && !isGenericTitle(cleaned)) return cleaned.slice(0, MAX_TITLE_LENGTH);
  const headings = blocks.filter((block) => block.type === 'heading');
  const topLevel = Math.min(...headings.map((heading) => heading.level));
  const first = headings.find((heading) => heading.level === topLevel);
  return first ? first.text.slice(0, MAX_TITLE_LENGTH) : null;
}

/** Turns extracted blocks into the ExtractedDocument contract: Markdown, sections, title, language. */
export function assembleDocument(input: AssembleInput): ExtractedDocument {
  const markdown = renderMarkdown(input.blocks);
  const declaredLanguage = input.declaredLanguage?.slice(0, 2).toLowerCase() || null;
  return {
    markdown,
    sections: buildSections(input.blocks),
    pageCount: input.pageCount,
    needsFullProcessing: input.needsFullProcessing,
    processingMode: input.processingMode,
    title: pickTitle(input.declaredTitle, input.blocks),
    language: declaredLanguage ?? guessLanguage(markdown),
    warnings: input.warnings ?? [],
  };
}
