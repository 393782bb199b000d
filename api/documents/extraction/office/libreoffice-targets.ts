import { ProcessingMode } from '../extracted-document.ts';

/** Legacy binary formats: officeparser cannot read them, LibreOffice must convert them. */
const REQUIRED_TARGETS: Readonly<Record<string, string>> = { doc: 'docx', ppt: 'pptx', xls: 'xlsx' };
/**
 * ODF text and slides: officeparser reads them but drops lists and text inside table cells, which its
 * OOXML readers keep, so full mode converts them first (and falls back to the direct read).
 */
const PREFERRED_TARGETS: Readonly<Record<string, string>> = { odt: 'docx', odp: 'pptx' };

/** The format LibreOffice converts a file to before parsing in this mode, or undefined for none. */
export function libreOfficeTargetFor(fileType: string, mode: ProcessingMode): { target: string; required: boolean } | undefined {
  if (mode !== ProcessingMode.localFull) return undefined;
  if (REQUIRED_TARGETS[fileType]) return { target: REQUIRED_TARGETS[fileType], required: true };
  if (PREFERRED_TARGETS[fileType]) return { target: PREFERRED_TARGETS[fileType], required: false };
  return undefined;
}
