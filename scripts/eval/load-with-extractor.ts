import { extractDocument } from '../../api/documents/extraction/extract-document.ts';
import { ProcessingMode } from '../../api/documents/extraction/extracted-document.ts';
import { defaultExtractionLimits } from '../../api/documents/extraction/extraction-request.ts';
import type { LoadDocument } from './ingest-folder.ts';

/** Loads a file exactly as the hub's processing job does, in basic (cloud_simple) mode: no OCR, no office conversion. */
export const loadWithExtractor: LoadDocument = async (filePath, fileType) => {
  const extracted = await extractDocument({ filePath, fileType, mode: ProcessingMode.cloudSimple, limits: defaultExtractionLimits, ocrLangs: 'eng' });
  return {
    sections: extracted.sections,
    markdown: extracted.markdown,
    title: extracted.title,
    language: extracted.language,
    pageCount: extracted.pageCount,
  };
};
