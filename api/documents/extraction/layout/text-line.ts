/**
 * One line of text on a page in top-down page coordinates (points for PDFs, pixels for OCR). Both the
 * pdf.js and the OCR paths produce these, so reading order and heading recovery are shared.
 */
export interface TextLine {
  text: string;
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  /** Glyph height in the same units; only ratios between lines of one document matter. */
  fontSize: number;
  /** Every glyph of the line is in a bold face. */
  bold: boolean;
  /**
   * The line opens in bold and goes on in regular type: a run-in heading ("Sign up for alerts. The
   * siren...") that belongs to its paragraph (unknown for OCR lines).
   */
  startsBold?: boolean;
  /** Every glyph of the line is in an italic face (unknown for OCR lines). */
  italic?: boolean;
  /** Every glyph is in a fixed-width face: code, never a heading (unknown for OCR lines). */
  monospace?: boolean;
  /**
   * The font most of the line's characters are set in (an id, PDF lines only): headings often differ
   * from body text in face as much as in size.
   */
  font?: string;
  /** 1-based page number. */
  page: number;
  /** Heading level declared by the file itself (tagged PDF role or bookmark), when known. */
  declaredHeadingLevel?: number;
  /** Set by the structure tree of a tagged PDF: this line is body text, not a heading. */
  declaredBody?: boolean;
}

/** The size of a page, in the units of its lines. */
export interface PageBox {
  page: number;
  width: number;
  height: number;
}

/** The median of a list of numbers (0 for an empty list). */
export function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Rounds a font size so that 11.96 and 12.02 count as the same size. */
export const roundSize = (size: number): number => Math.round(size * 2) / 2;

/** The font size most characters use: the body text size of a document. */
export function bodyFontSize(lines: readonly TextLine[]): number {
  const weightBySize = new Map<number, number>();
  for (const line of lines) {
    const size = roundSize(line.fontSize);
    weightBySize.set(size, (weightBySize.get(size) ?? 0) + line.text.length);
  }
  let best = 0;
  let bestWeight = -1;
  for (const [size, weight] of weightBySize) {
    if (weight > bestWeight) {
      best = size;
      bestWeight = weight;
    }
  }
  return best;
}
