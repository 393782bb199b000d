/** How a file is processed; decided from its bytes by `detectFileType`, never from its name. */
export const DocumentKind = {
  pdf: 'pdf',
  image: 'image',
  office: 'office',
  text: 'text',
  markdown: 'markdown',
  html: 'html',
} as const;
export type DocumentKind = (typeof DocumentKind)[keyof typeof DocumentKind];

/** A detected format: the usual extension, its MIME type and the pipeline that reads it. */
export interface DetectedFileType {
  /** The conventional extension without a dot, e.g. "docx", "pdf", "md". */
  fileType: string;
  mimeType: string;
  kind: DocumentKind;
}

/** Office formats LibreOffice must convert before the structure parser can read them. */
export const legacyOfficeTypes: ReadonlySet<string> = new Set(['doc', 'ppt', 'xls']);

/** Every office format the extraction engine reads, modern and legacy. */
export const officeMimeByType: Readonly<Record<string, string>> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  odt: 'application/vnd.oasis.opendocument.text',
  odp: 'application/vnd.oasis.opendocument.presentation',
  ods: 'application/vnd.oasis.opendocument.spreadsheet',
  rtf: 'application/rtf',
  doc: 'application/msword',
  ppt: 'application/vnd.ms-powerpoint',
  xls: 'application/vnd.ms-excel',
};

/** Images the OCR engine decodes itself (leptonica inside tesseract.js). */
export const imageMimeByType: Readonly<Record<string, string>> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  tif: 'image/tiff',
  webp: 'image/webp',
};

const KIND_BY_TEXT_TYPE: Readonly<Record<string, DocumentKind>> = {
  txt: DocumentKind.text,
  csv: DocumentKind.text,
  md: DocumentKind.markdown,
  html: DocumentKind.html,
  pdf: DocumentKind.pdf,
};

/** The pipeline of a file type that `detectFileType` produced (for callers that stored only the type). */
export function kindOfFileType(fileType: string): DocumentKind | undefined {
  if (imageMimeByType[fileType]) return DocumentKind.image;
  if (officeMimeByType[fileType]) return DocumentKind.office;
  return KIND_BY_TEXT_TYPE[fileType];
}
