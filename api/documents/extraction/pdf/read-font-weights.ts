import type { PDFPageProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';

/** Font names of bold faces: "Arial-BoldMT", "TimesNewRomanPS-BoldMT", TeX's CMBX/SFBX, "Semibold"... */
const BOLD_FONT_NAME = /bold|black|heavy|semibold|demibold|[-,]bd\b|cmbx|sfbx|\+bx|extrab/i;
/** Font names of slanted faces: "Times-Italic", "Arial-ItalicMT", "Helvetica-Oblique", TeX's CMTI/SFTI. */
const ITALIC_FONT_NAME = /italic|oblique|[-,]it\b|cmti|sfti/i;

interface LoadedFont {
  name?: string;
}

export interface FontStyle {
  bold: boolean;
  italic: boolean;
}

/** Font ids are per document: once a font's style is known, later pages need not load it again. */
export type FontStyles = Map<string, FontStyle>;

/**
 * The style of each of a page's fonts. pdf.js's text content names fonts only by id, so for fonts not
 * seen on earlier pages the operator list is built (images skipped by the caller's maxImageSize) to
 * load the font objects and read their names.
 */
export async function readFontStyles(page: PDFPageProxy, fontIds: Iterable<string>, known: FontStyles): Promise<FontStyles> {
  const ids = [...fontIds];
  if (ids.some((id) => !known.has(id))) {
    await page.getOperatorList();
    for (const id of ids) {
      if (known.has(id)) continue;
      const name = (page.commonObjs.has(id) ? (page.commonObjs.get(id) as LoadedFont | null) : null)?.name ?? '';
      known.set(id, { bold: BOLD_FONT_NAME.test(name), italic: ITALIC_FONT_NAME.test(name) });
    }
  }
  return known;
}
