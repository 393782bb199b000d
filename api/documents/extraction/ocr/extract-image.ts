import { assembleDocument } from '../structure/assemble-document.ts';
import { linesToBlocks } from '../layout/lines-to-blocks.ts';
import { ProcessingMode, type ExtractedDocument } from '../extracted-document.ts';
import type { ExtractionContext } from '../extraction-context.ts';
import { decodeOcrImage } from './ocr-image.ts';
import { ocrPageLines } from './ocr-page-lines.ts';
import { recognizeEncodedUpright, recognizeUpright } from './recognize-upright.ts';

/**
 * An image document: nothing to read in basic mode (flagged for a local instance); in full mode the
 * OCR turns it upright, reads it and recovers paragraphs and headings from the line geometry.
 */
export async function extractImage(bytes: Uint8Array, context: ExtractionContext): Promise<ExtractedDocument> {
  if (context.mode === ProcessingMode.cloudSimple) {
    return assembleDocument({
      blocks: [],
      pageCount: 1,
      processingMode: context.mode,
      needsFullProcessing: true,
      warnings: ['image: text recognition (OCR) runs on a local instance'],
    });
  }
  context.progress({ stage: 'ocr', page: 1, pageCount: 1 });
  const worker = await context.ocrWorker();
  const decoded = await decodeOcrImage(bytes);
  const recognition = decoded
    ? await recognizeUpright(worker, decoded)
    : await recognizeEncodedUpright(worker, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  const lines = ocrPageLines(recognition.result, 1, recognition.scale);
  const width = Math.max(1, ...lines.map((line) => line.x1));
  const height = Math.max(1, ...lines.map((line) => line.y1));
  context.progress({ stage: 'structuring' });
  const warnings = recognition.rotation === 0 ? [] : [`page 1 was turned ${recognition.rotation} degrees before OCR`];
  if (lines.length === 0) warnings.push('no text was recognised in the image');
  return assembleDocument({
    blocks: linesToBlocks(lines, [{ page: 1, width, height }]),
    pageCount: 1,
    processingMode: context.mode,
    needsFullProcessing: false,
    warnings,
  });
}
