import { OfficeParser, type OfficeError, type OfficeParserAST } from 'officeparser';
import { legacyOfficeTypes } from '../../intake/document-kind.ts';
import { ProcessingMode, UnreadableReason, type ExtractedDocument } from '../extracted-document.ts';
import type { ExtractionContext } from '../extraction-context.ts';
import { assembleDocument } from '../structure/assemble-document.ts';
import { formatBytes, unreadableDocument, unreadableReasonOf } from '../unreadable-reason.ts';
import { convertWithLibreOffice } from './convert-with-libreoffice.ts';
import { libreOfficeTargetFor } from './libreoffice-targets.ts';
import { officeBlocks } from './office-blocks.ts';
import { readWorkbookSheets } from './read-workbook-sheets.ts';

/** officeparser's error types that mean "password" or "too big" rather than "broken". */
const REASON_BY_PARSER_ERROR: Readonly<Record<string, UnreadableReason>> = {
  PASSWORD_REQUIRED: UnreadableReason.encrypted,
  PASSWORD_INCORRECT: UnreadableReason.encrypted,
  DOCUMENT_DECRYPTION_FAILED: UnreadableReason.encrypted,
  ZIP_SIZE_LIMIT_EXCEEDED: UnreadableReason.tooLarge,
  ZIP_ENTRY_COUNT_LIMIT_EXCEEDED: UnreadableReason.tooLarge,
  XML_ELEMENT_LIMIT_EXCEEDED: UnreadableReason.tooLarge,
};

async function parseOffice(bytes: Uint8Array, fileType: string, maxUnzippedBytes: number, withAttachments: boolean): Promise<OfficeParserAST> {
  try {
    return await OfficeParser.parseOffice(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), {
      fileType,
      ignoreNotes: false,
      ignoreComments: true,
      ignoreHeadersAndFooters: true,
      ignoreSlideMasters: true,
      // Attachments carry chart data (and images, dropped later): worth their memory on local instances only.
      extractAttachments: withAttachments,
      includeRawContent: false,
      ignorePageGeometry: true,
      ocr: false,
      decompressionLimits: { maxUncompressedBytes: maxUnzippedBytes },
    } as Parameters<typeof OfficeParser.parseOffice>[1]);
  } catch (error) {
    const code = String((error as OfficeError).officeIssue?.code ?? '');
    const reason = REASON_BY_PARSER_ERROR[code] ?? UnreadableReason.damaged;
    throw unreadableDocument(reason, reason === UnreadableReason.tooLarge ? { limit: `${formatBytes(maxUnzippedBytes)} unpacked` } : {}, error);
  }
}

/** Converts with LibreOffice when the mode and format call for it; a preferred conversion may fall back. */
async function convertIfUseful(bytes: Uint8Array, context: ExtractionContext, warnings: string[]): Promise<{ bytes: Uint8Array; fileType: string }> {
  const conversion = libreOfficeTargetFor(context.fileType, context.mode);
  if (!conversion) return { bytes, fileType: context.fileType };
  context.progress({ stage: 'converting' });
  try {
    const options = { libreOfficePath: context.libreOfficePath, timeoutMs: context.limits.timeoutMs, scratchDirectory: context.scratchDirectory };
    return { bytes: await convertWithLibreOffice(bytes, context.fileType, conversion.target, options), fileType: conversion.target };
  } catch (error) {
    if (conversion.required || unreadableReasonOf(error) === UnreadableReason.timeout) throw error;
    warnings.push(`LibreOffice could not convert the .${context.fileType} file; read directly, lists inside tables may be missing`);
    return { bytes, fileType: context.fileType };
  }
}

/**
 * Office documents through officeparser's structure tree (headings, lists, tables). Legacy DOC/PPT/XLS
 * are converted by LibreOffice first, in full mode only; basic mode keeps whatever officeparser reads
 * and always leaves the document to a local instance.
 */
export async function extractOffice(bytes: Uint8Array, context: ExtractionContext): Promise<ExtractedDocument> {
  const isLegacy = legacyOfficeTypes.has(context.fileType);
  const basic = context.mode === ProcessingMode.cloudSimple;
  if (isLegacy && basic) {
    return assembleDocument({ blocks: [], pageCount: null, processingMode: context.mode, needsFullProcessing: true, warnings: [`legacy .${context.fileType} needs LibreOffice on a local instance`] });
  }
  const warnings: string[] = [];
  const converted = await convertIfUseful(bytes, context, warnings);
  context.progress({ stage: 'extracting', page: 1, pageCount: 1 });
  const ast = await parseOffice(converted.bytes, converted.fileType, context.limits.maxUnzippedBytes, !basic);
  const sheets = converted.fileType === 'xlsx' ? await readWorkbookSheets(converted.bytes) : [];
  context.progress({ stage: 'structuring' });
  return assembleDocument({
    blocks: officeBlocks(ast, sheets),
    pageCount: null,
    processingMode: context.mode,
    needsFullProcessing: basic,
    declaredTitle: typeof ast.metadata.title === 'string' ? ast.metadata.title : null,
    declaredLanguage: ast.metadata.language ?? null,
    warnings: [...warnings, ...ast.warnings.filter((warning) => /LIMIT/.test(String(warning.code))).map((warning) => warning.message)],
  });
}
