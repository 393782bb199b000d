import type { Canvas } from '@napi-rs/canvas';
import type { PDFDocumentProxy, PDFPageProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { OCR_MAX_PIXELS } from '../ocr/ocr-image.ts';

/** Tesseract reads body text best around 300 dpi. */
const OCR_DPI = 300;
const POINTS_PER_INCH = 72;

interface CanvasAndContext {
  canvas: Canvas;
  context: ReturnType<Canvas['getContext']>;
}

type RenderParameters = Parameters<PDFPageProxy['render']>[0];

interface CanvasFactory {
  create(width: number, height: number): CanvasAndContext;
  destroy(canvasAndContext: CanvasAndContext): void;
}

/** A rendered page and the pixels per point it was drawn at. */
export interface RenderedPage {
  canvas: Canvas;
  scale: number;
  release(): void;
}

/**
 * Draws a page with pdf.js onto an @napi-rs/canvas at ~300 dpi, smaller when the page would exceed
 * the OCR pixel budget (a 40000 px wide strip is drawn small, not allocated in full).
 */
export async function renderPdfPage(document: PDFDocumentProxy, pageNumber: number, maxPixels = OCR_MAX_PIXELS): Promise<RenderedPage> {
  const page = await document.getPage(pageNumber);
  const unscaled = page.getViewport({ scale: 1 });
  const area = Math.max(1, unscaled.width * unscaled.height);
  const scale = Math.min(OCR_DPI / POINTS_PER_INCH, Math.sqrt(maxPixels / area));
  const viewport = page.getViewport({ scale });
  const factory = document.canvasFactory as unknown as CanvasFactory;
  const target = factory.create(Math.max(1, Math.floor(viewport.width)), Math.max(1, Math.floor(viewport.height)));
  target.context.fillStyle = '#ffffff';
  target.context.fillRect(0, 0, target.canvas.width, target.canvas.height);
  const parameters = { canvas: target.canvas, canvasContext: target.context, viewport } as unknown as RenderParameters;
  await page.render(parameters).promise;
  page.cleanup();
  return { canvas: target.canvas, scale, release: () => factory.destroy(target) };
}
