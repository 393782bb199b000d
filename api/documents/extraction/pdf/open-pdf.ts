import { createRequire } from 'node:module';
import path from 'node:path';
import { getDocument, VerbosityLevel, type PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { UnreadableReason } from '../extracted-document.ts';
import { unreadableDocument } from '../unreadable-reason.ts';

const require = createRequire(import.meta.url);
const pdfjsRoot = path.dirname(require.resolve('pdfjs-dist/package.json'));
/** Fonts, CMaps (CJK) and image decoders ship inside pdfjs-dist: nothing is fetched at run time. */
const assetDirectory = (name: string) => `${path.join(pdfjsRoot, name)}${path.sep}`;

export interface OpenPdfOptions {
  /** Images above this many pixels are skipped; 1 skips every image (text pass), -1 none. */
  maxImagePixels: number;
}

/** Maps pdf.js's errors to reasons a moderator can act on. */
export function pdfErrorReason(error: unknown): UnreadableReason {
  const name = error instanceof Error ? error.name : '';
  if (name === 'PasswordException') return UnreadableReason.encrypted;
  return UnreadableReason.damaged;
}

/**
 * Opens PDF bytes with pdf.js in this process (the extraction child; pdf.js 6 has no eval path left), with every
 * asset read from node_modules. Throws an unreadable-document error for encrypted or broken files.
 */
export async function openPdf(bytes: Uint8Array, options: OpenPdfOptions): Promise<PDFDocumentProxy> {
  const task = getDocument({
    // pdf.js takes ownership of the buffer it is given; keep the caller's copy intact.
    data: new Uint8Array(bytes),
    useSystemFonts: false,
    standardFontDataUrl: assetDirectory('standard_fonts'),
    cMapUrl: assetDirectory('cmaps'),
    cMapPacked: true,
    wasmUrl: assetDirectory('wasm'),
    iccUrl: assetDirectory('iccs'),
    maxImageSize: options.maxImagePixels,
    // Keeps font names ("Arial-BoldMT"): the only bold signal pdf.js exposes.
    fontExtraProperties: true,
    verbosity: VerbosityLevel.ERRORS,
  });
  try {
    return await task.promise;
  } catch (error) {
    await task.destroy().catch(() => undefined);
    throw unreadableDocument(pdfErrorReason(error), {}, error);
  }
}
