import type { TextLine } from '../layout/text-line.ts';
import type { OcrPage } from './create-ocr-worker.ts';

/** Lines recognised with less confidence than this and no real word are noise from pictures. */
const MIN_LINE_CONFIDENCE = 40;

/**
 * Tesseract's lines as TextLines (pixel coordinates divided by `scale`, so PDF pages come back in
 * points). The line height stands in for the font size: only ratios matter for headings.
 */
export function ocrPageLines(result: OcrPage, page: number, scale = 1): TextLine[] {
  const lines: TextLine[] = [];
  for (const block of result.blocks ?? []) {
    for (const paragraph of block.paragraphs) {
      for (const line of paragraph.lines) {
        const text = line.text.replace(/\s+/g, ' ').trim();
        const hasWord = /\p{L}{3,}|\p{L}\p{N}|\p{N}{2,}/u.test(text);
        if (!text || (line.confidence < MIN_LINE_CONFIDENCE && !hasWord)) continue;
        const height = Math.max(1, line.rowAttributes?.rowHeight ?? line.bbox.y1 - line.bbox.y0);
        lines.push({
          text,
          x0: line.bbox.x0 / scale,
          y0: line.bbox.y0 / scale,
          x1: line.bbox.x1 / scale,
          y1: line.bbox.y1 / scale,
          fontSize: height / scale,
          bold: false,
          page,
        });
      }
    }
  }
  return lines;
}

/** Words read with at least this confidence count as confidently read. */
const CONFIDENT_WORD = 70;

function allLines(result: OcrPage) {
  return (result.blocks ?? []).flatMap((block) => block.paragraphs.flatMap((paragraph) => paragraph.lines));
}

/** Characters in confidently read words: high for upright sharp text, low for rotated or tiny text. */
export function confidentCharacters(result: OcrPage): number {
  return allLines(result)
    .flatMap((line) => line.words)
    .filter((word) => word.confidence >= CONFIDENT_WORD && /[\p{L}\p{N}]/u.test(word.text))
    .reduce((sum, word) => sum + word.text.trim().length, 0);
}

/** Characters of every recognised word with a letter or digit, however confident. */
export function recognisedCharacters(result: OcrPage): number {
  return allLines(result)
    .flatMap((line) => line.words)
    .filter((word) => /[\p{L}\p{N}]/u.test(word.text))
    .reduce((sum, word) => sum + word.text.trim().length, 0);
}

/** The median height of recognised text rows in pixels (0 when fewer than three rows). */
export function medianRowHeight(result: OcrPage): number {
  const heights = allLines(result).map((line) => line.rowAttributes?.rowHeight ?? line.bbox.y1 - line.bbox.y0).sort((a, b) => a - b);
  return heights.length < 3 ? 0 : heights[Math.floor(heights.length / 2)]!;
}
