import type { ExtractionContext } from '../extraction-context.ts';
import type { TextLine } from '../layout/text-line.ts';
import { ocrImageFrom, OCR_MAX_PIXELS } from '../ocr/ocr-image.ts';
import { ocrPageLines } from '../ocr/ocr-page-lines.ts';
import { recognizeUpright } from '../ocr/recognize-upright.ts';
import { openPdf } from './open-pdf.ts';
import { renderPdfPage } from './render-pdf-page.ts';

/**
 * Renders the given pages (images limited to the document's pixel budget) and OCRs them upright,
 * returning lines in PDF points so they mix with the pages that had a text layer.
 */
export async function ocrPdfPages(bytes: Uint8Array, pageNumbers: readonly number[], context: ExtractionContext): Promise<{ lines: TextLine[]; warnings: string[] }> {
  const document = await openPdf(bytes, { maxImagePixels: context.limits.maxImagePixels });
  const worker = await context.ocrWorker();
  const lines: TextLine[] = [];
  const warnings: string[] = [];
  try {
    for (const pageNumber of pageNumbers) {
      context.progress({ stage: 'ocr', page: pageNumber, pageCount: document.numPages });
      const rendered = await renderPdfPage(document, pageNumber, Math.min(OCR_MAX_PIXELS, context.limits.maxImagePixels));
      try {
        const recognition = await recognizeUpright(worker, ocrImageFrom(rendered.canvas));
        lines.push(...ocrPageLines(recognition.result, pageNumber, rendered.scale * recognition.scale));
        if (recognition.rotation !== 0) warnings.push(`page ${pageNumber} was turned ${recognition.rotation} degrees before OCR`);
      } finally {
        rendered.release();
      }
    }
  } finally {
    await document.loadingTask.destroy().catch(() => undefined);
  }
  return { lines, warnings };
}
