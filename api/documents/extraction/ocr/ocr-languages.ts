import { mkdtemp, rm, symlink } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { UnreadableReason } from '../extracted-document.ts';
import { unreadableDocument } from '../unreadable-reason.ts';

/** The model flavour tesseract.js reads fastest with the LSTM engine; every data package ships it. */
export const OCR_MODEL_DIRECTORY = '4.0.0_best_int';
const LANGUAGE_CODE = /^[a-z]{3}(?:_[a-z]{3,4})?$/;
const require = createRequire(import.meta.url);

/** Where one language's traineddata lives, or why it cannot be used. */
export interface OcrLanguageFile {
  code: string;
  packageName: string;
  /** Absolute path of `<code>.traineddata.gz`, or null when the package is not installed. */
  file: string | null;
}

/** Splits "eng+deu" into codes; rejects anything that is not a tesseract language code. */
export function parseOcrLanguages(ocrLangs: string): string[] {
  const codes = ocrLangs.split('+').map((code) => code.trim()).filter(Boolean);
  const invalid = codes.find((code) => !LANGUAGE_CODE.test(code));
  if (codes.length === 0 || invalid !== undefined) {
    throw unreadableDocument(UnreadableReason.converterMissing, { hint: `invalid OCR language list "${ocrLangs}", expected codes like eng+deu` });
  }
  return codes;
}

/** Finds each language's data inside node_modules without loading anything. */
export function locateOcrLanguages(ocrLangs: string): OcrLanguageFile[] {
  return parseOcrLanguages(ocrLangs).map((code) => {
    const packageName = `@tesseract.js-data/${code}`;
    try {
      const directory = path.dirname(require.resolve(`${packageName}/package.json`));
      const file = path.join(directory, OCR_MODEL_DIRECTORY, `${code}.traineddata.gz`);
      return { code, packageName, file: existsSync(file) ? file : null };
    } catch {
      return { code, packageName, file: null };
    }
  });
}

/** A directory holding every requested language's data, as tesseract.js wants one `langPath`. */
export interface OcrLanguageDirectory {
  langPath: string;
  languages: string;
  remove(): Promise<void>;
}

/**
 * Links the requested languages' data into one temporary directory (tesseract.js takes a single
 * `langPath`). A missing language fails with the npm package to install, never a download.
 */
export async function prepareOcrLanguages(ocrLangs: string, scratchDirectory: string): Promise<OcrLanguageDirectory> {
  const located = locateOcrLanguages(ocrLangs);
  const missing = located.filter((language) => language.file === null);
  if (missing.length > 0) {
    const install = missing.map((language) => language.packageName).join(' ');
    throw unreadableDocument(UnreadableReason.converterMissing, { hint: `OCR language data missing: run \`npm install ${install}\`` });
  }
  const langPath = await mkdtemp(path.join(scratchDirectory, 'ocr-langs-'));
  await Promise.all(located.map((language) => symlink(language.file!, path.join(langPath, `${language.code}.traineddata.gz`))));
  return {
    langPath,
    languages: located.map((language) => language.code).join('+'),
    remove: () => rm(langPath, { recursive: true, force: true }),
  };
}
