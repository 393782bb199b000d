/** The magic number of OLE2 compound files (legacy .doc/.xls/.ppt, and encrypted OOXML). */
export const OLE2_MAGIC = Uint8Array.of(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1);

export type OleDocument = 'doc' | 'xls' | 'ppt' | 'encrypted-ooxml' | 'unknown';

const utf16 = (name: string) => Buffer.from(name, 'utf16le');
/** Directory entry names (UTF-16LE in the compound file) that identify each application. */
const STREAM_MARKERS: ReadonlyArray<[OleDocument, Buffer[]]> = [
  ['encrypted-ooxml', [utf16('EncryptedPackage')]],
  ['doc', [utf16('WordDocument')]],
  ['ppt', [utf16('PowerPoint Document')]],
  ['xls', [utf16('Workbook'), utf16('Book\u0000')]],
];

/** True when the bytes start with the OLE2 compound-file magic. */
export function isOle2(bytes: Uint8Array): boolean {
  return OLE2_MAGIC.every((byte, index) => bytes[index] === byte);
}

/**
 * Which legacy application wrote an OLE2 file, from the names of its streams. Scanning for the names is
 * enough: they sit in the directory sectors and no other format stores them as UTF-16 text.
 */
export function identifyOleDocument(bytes: Uint8Array): OleDocument {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (const [kind, markers] of STREAM_MARKERS) {
    if (markers.some((marker) => buffer.includes(marker))) return kind;
  }
  return 'unknown';
}
