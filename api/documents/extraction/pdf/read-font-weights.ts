import type { PDFPageProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { Run } from './text-run.ts';

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

const REGULAR: FontStyle = { bold: false, italic: false };
/** Lines without a word ("U ⊆ M", "iii") are never headings: the weight of their fonts does not matter. */
const WORD = /\p{L}{2}/u;

/** The known style of a font; regular while it is unknown. */
export const styleOf = (fontId: string, known: FontStyles): FontStyle => known.get(fontId) ?? REGULAR;

/**
 * Whether some line could be bold or italic (or open in bold) depending on a font not loaded yet. A
 * line with one known regular run is not bold whatever its other fonts are, and a line of symbols is
 * no heading, so most pages that only add a formula font need no font loading (a second parse of the
 * page).
 */
export function dependsOnUnknownFonts(lines: readonly Run[][], known: FontStyles): boolean {
  return lines.some((runs) => {
    if (!runs.some((run) => WORD.test(run.text))) return false;
    if (!known.has(runs[0]!.fontId)) return true;
    const unknown = runs.some((run) => !known.has(run.fontId));
    if (!unknown) return false;
    const couldBeBold = runs.every((run) => !known.has(run.fontId) || known.get(run.fontId)!.bold);
    const couldBeItalic = runs.every((run) => !known.has(run.fontId) || known.get(run.fontId)!.italic);
    return couldBeBold || couldBeItalic;
  });
}

/**
 * Learns the style of each of a page's fonts. pdf.js's text content names fonts only by id, so for
 * fonts not seen on earlier pages the operator list is built (images skipped by the caller's
 * maxImageSize) to load the font objects and read their names.
 */
export async function loadFontStyles(page: PDFPageProxy, fontIds: Iterable<string>, known: FontStyles): Promise<void> {
  const ids = [...fontIds].filter((id) => !known.has(id));
  if (ids.length === 0) return;
  await page.getOperatorList();
  for (const id of ids) {
    const name = (page.commonObjs.has(id) ? (page.commonObjs.get(id) as LoadedFont | null) : null)?.name ?? '';
    known.set(id, { bold: BOLD_FONT_NAME.test(name), italic: ITALIC_FONT_NAME.test(name) });
  }
}
