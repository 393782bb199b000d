import { Util } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { TextItem } from 'pdfjs-dist/types/src/display/api.js';

const RTL = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]/g;

/** One pdf.js text item placed on the page: top-down page points (the viewport applied). */
export interface Run {
  text: string;
  x0: number;
  x1: number;
  baseline: number;
  fontSize: number;
  bold: boolean;
  italic: boolean;
  monospace: boolean;
  /** Level from the structure tree (0 = tagged body text), undefined on untagged pages. */
  headingLevel: number | undefined;
  rtl: boolean;
  /** The font of the item, so that its weight can be filled in once the font is known. */
  fontId: string;
}

export interface RunStyle {
  bold: boolean;
  italic: boolean;
  monospace: boolean;
}

/** Places a pdf.js text item on the page; blank items and zero-size glyphs give undefined. */
export function toRun(item: TextItem, viewportTransform: number[], style: RunStyle, headingLevel: number | undefined): Run | undefined {
  const [a, b, c, d, e, f] = Util.transform(viewportTransform, item.transform) as number[];
  const fontSize = Math.hypot(c!, d!);
  if (!item.str.trim() || fontSize <= 0) return undefined;
  const horizontal = Math.abs(b!) <= Math.abs(a!) * 0.1;
  const width = horizontal ? item.width * (Math.hypot(a!, b!) / Math.hypot(item.transform[0]!, item.transform[1]!) || 1) : fontSize;
  return {
    text: item.str,
    x0: e!,
    x1: e! + Math.max(width, 0),
    baseline: f!,
    fontSize,
    ...style,
    headingLevel,
    rtl: (item.str.match(RTL)?.length ?? 0) > item.str.length / 2,
    fontId: item.fontName,
  };
}
