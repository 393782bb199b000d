import { decodeText } from '../../intake/decode-text.ts';
import { DocumentKind } from '../../intake/document-kind.ts';
import type { ExtractedDocument } from '../extracted-document.ts';
import type { ExtractionContext } from '../extraction-context.ts';
import { assembleDocument } from '../structure/assemble-document.ts';
import type { DocumentBlock } from '../structure/document-block.ts';
import { htmlBlocks } from './html-blocks.ts';
import { csvBlocks, markdownBlocks, plainTextBlocks } from './text-blocks.ts';

/** Plain text, CSV, Markdown and HTML: the same in both modes, since they cost nothing to read fully. */
export function extractTextDocument(bytes: Uint8Array, kind: DocumentKind, context: ExtractionContext): ExtractedDocument {
  context.progress({ stage: 'extracting', page: 1, pageCount: 1 });
  const text = decodeText(bytes);
  let blocks: DocumentBlock[];
  let title: string | null = null;
  let language: string | null = null;
  if (kind === DocumentKind.html) ({ blocks, title, language } = htmlBlocks(text));
  else if (kind === DocumentKind.markdown) blocks = markdownBlocks(text);
  else if (context.fileType === 'csv') blocks = csvBlocks(text);
  else blocks = plainTextBlocks(text);
  return assembleDocument({
    blocks,
    pageCount: null,
    processingMode: context.mode,
    needsFullProcessing: false,
    declaredTitle: title,
    declaredLanguage: language,
  });
}
