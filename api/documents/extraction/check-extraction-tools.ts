import { locateOcrLanguages } from './ocr/ocr-languages.ts';
import { findLibreOffice, readLibreOfficeVersion } from './office/find-libreoffice.ts';

/** What `hub doctor` prints about document processing. */
export interface ExtractionToolsReport {
  libreOffice: { found: boolean; path: string | null; version: string | null };
  ocrLanguages: Array<{ code: string; present: boolean; packageName: string; hint: string | null }>;
  /** True when full processing can run everything (LibreOffice and every requested language). */
  ready: boolean;
}

/**
 * Inspects the tools full processing needs, without processing anything: LibreOffice found and its
 * version, and the OCR data package of each requested language (e.g. "eng+deu").
 */
export async function inspectExtractionTools(options: { ocrLangs: string; libreOfficePath?: string }): Promise<ExtractionToolsReport> {
  const binary = findLibreOffice(options.libreOfficePath);
  const version = binary ? await readLibreOfficeVersion(binary) : undefined;
  const ocrLanguages = locateOcrLanguages(options.ocrLangs).map((language) => ({
    code: language.code,
    present: language.file !== null,
    packageName: language.packageName,
    hint: language.file === null ? `npm install ${language.packageName}` : null,
  }));
  return {
    libreOffice: { found: binary !== undefined, path: binary ?? null, version: version ?? null },
    ocrLanguages,
    ready: binary !== undefined && ocrLanguages.every((language) => language.present),
  };
}

/** One line of `hub doctor`. */
export interface ToolCheck {
  name: string;
  ok: boolean;
  detail: string;
}

/** `hub doctor`'s view of the tools, from the hub's configuration (OCR_LANGS, LIBREOFFICE_PATH). */
export async function checkExtractionTools(config: { OCR_LANGS: string; LIBREOFFICE_PATH?: string }): Promise<ToolCheck[]> {
  const report = await inspectExtractionTools({ ocrLangs: config.OCR_LANGS, libreOfficePath: config.LIBREOFFICE_PATH });
  const office = report.libreOffice;
  const checks: ToolCheck[] = [
    {
      name: 'LibreOffice',
      ok: office.found,
      detail: office.found
        ? `${office.version ?? 'unknown version'} at ${office.path}`
        : 'not found: legacy .doc/.ppt/.xls cannot be processed (install libreoffice-writer-nogui, -calc-nogui, -impress-nogui or set LIBREOFFICE_PATH)',
    },
  ];
  for (const language of report.ocrLanguages) {
    checks.push({ name: `OCR ${language.code}`, ok: language.present, detail: language.present ? `${language.packageName} installed` : `missing: run \`${language.hint}\`` });
  }
  return checks;
}
