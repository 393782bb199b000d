import type { PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { ProcessingMode, UnreadableReason, type ExtractedDocument } from '../extracted-document.ts';
import type { ExtractionContext } from '../extraction-context.ts';
import { linesToBlocks } from '../layout/lines-to-blocks.ts';
import type { PageBox, TextLine } from '../layout/text-line.ts';
import { assembleDocument } from '../structure/assemble-document.ts';
import { unreadableDocument } from '../unreadable-reason.ts';
import { ocrPdfPages } from './ocr-pdf-pages.ts';
import { openPdf, pdfErrorReason } from './open-pdf.ts';
import { readOutlineHeadings } from './read-outline-headings.ts';
import { readPageLines, type PageText } from './read-page-lines.ts';

/** A page with fewer visible characters than this is a scan (or a picture) that needs OCR. */
const MIN_PAGE_CHARACTERS = 20;
/** A text layer with more unmapped glyphs than this share is garbage and is read by OCR instead. */
const MAX_UNMAPPED_SHARE = 0.3;
/** The text pass skips every image: text extraction never decodes pixels. */
const SKIP_ALL_IMAGES = 1;
/** pdf.js keeps fonts and parsed objects for the document's life; dropping them this often bounds memory. */
const CLEANUP_EVERY_PAGES = 50;

const hasGarbledText = (page: PageText) => page.unmappedCharacters > page.characters * MAX_UNMAPPED_SHARE;
const needsOcr = (page: PageText) => page.characters < MIN_PAGE_CHARACTERS || hasGarbledText(page);
/**
 * Whose lines are kept when its OCR does not run: a page with little text may be a scan, but also a
 * chapter title page ("1.4 Shelter"); its few real words are better than none in basic mode.
 */
const keepsTextLayer = (page: PageText, mode: ProcessingMode) => !needsOcr(page) || (mode === ProcessingMode.cloudSimple && !hasGarbledText(page));

async function readDeclaredMetadata(document: PDFDocumentProxy): Promise<{ title: string | null; language: string | null }> {
  const metadata = await document.getMetadata().catch(() => null);
  const info = (metadata?.info ?? {}) as { Title?: unknown; Language?: unknown };
  const title = typeof info.Title === 'string' && !/\.\w{2,4}$|^untitled$/i.test(info.Title.trim()) ? info.Title : null;
  return { title, language: typeof info.Language === 'string' ? info.Language : null };
}

async function readAllPages(document: PDFDocumentProxy, context: ExtractionContext): Promise<PageText[]> {
  const hints = { outline: await readOutlineHeadings(document), fontStyles: new Map() };
  const pages: PageText[] = [];
  for (let number = 1; number <= document.numPages; number += 1) {
    context.progress({ stage: 'extracting', page: number, pageCount: document.numPages });
    try {
      const page = await document.getPage(number);
      pages.push(await readPageLines(page, hints));
      page.cleanup();
      if (number % CLEANUP_EVERY_PAGES === 0) await document.cleanup();
    } catch (error) {
      // One broken page should not lose the others; an unreadable first page with nothing else is fatal.
      if (document.numPages === 1) throw unreadableDocument(pdfErrorReason(error), {}, error);
      pages.push({ box: { page: number, width: 612, height: 792 }, lines: [], characters: 0, unmappedCharacters: 0 });
    }
  }
  return pages;
}

/**
 * A PDF: pdf.js text per page with reading order and headings; pages without a usable text layer are
 * flagged in basic mode and rendered and OCR'd in full mode.
 */
export async function extractPdf(bytes: Uint8Array, context: ExtractionContext): Promise<ExtractedDocument> {
  const document = await openPdf(bytes, { maxImagePixels: SKIP_ALL_IMAGES });
  try {
    if (document.numPages > context.limits.maxPages) {
      throw unreadableDocument(UnreadableReason.tooManyPages, { limit: context.limits.maxPages, actual: document.numPages });
    }
    const declared = await readDeclaredMetadata(document);
    const pages = await readAllPages(document, context);
    const scanned = pages.filter(needsOcr).map((page) => page.box.page);
    const warnings: string[] = [];
    let lines: TextLine[] = pages.flatMap((page) => (keepsTextLayer(page, context.mode) ? page.lines : []));
    if (scanned.length > 0 && context.mode === ProcessingMode.localFull) {
      const ocr = await ocrPdfPages(bytes, scanned, context);
      lines = [...lines, ...ocr.lines].sort((left, right) => left.page - right.page);
      warnings.push(...ocr.warnings);
    } else if (scanned.length > 0) {
      warnings.push(`${scanned.length} of ${pages.length} pages have no text layer and need OCR on a local instance`);
    }
    context.progress({ stage: 'structuring' });
    const boxes: PageBox[] = pages.map((page) => page.box);
    return assembleDocument({
      blocks: linesToBlocks(lines, boxes),
      pageCount: document.numPages,
      processingMode: context.mode,
      needsFullProcessing: context.mode === ProcessingMode.cloudSimple && scanned.length > 0,
      declaredTitle: declared.title,
      declaredLanguage: declared.language,
      warnings,
    });
  } finally {
    await document.loadingTask.destroy().catch(() => undefined);
  }
}
