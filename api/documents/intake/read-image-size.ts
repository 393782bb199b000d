/** Pixel dimensions declared in an image header (what a decoder would allocate). */
export interface ImageSize {
  width: number;
  height: number;
}

const PNG_IHDR_OFFSET = 16;
const JPEG_SOF_MARKERS = new Set([0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf]);
const TIFF_TAG_WIDTH = 256;
const TIFF_TAG_HEIGHT = 257;
const TIFF_TYPE_SHORT = 3;
/** A TIFF may chain many pages; the first IFDs are enough to bound a decoder. */
const TIFF_MAX_IFDS = 64;

function readPngSize(view: DataView): ImageSize | undefined {
  if (view.byteLength < PNG_IHDR_OFFSET + 8) return undefined;
  return { width: view.getUint32(PNG_IHDR_OFFSET), height: view.getUint32(PNG_IHDR_OFFSET + 4) };
}

function readJpegSize(view: DataView): ImageSize | undefined {
  let offset = 2;
  while (offset + 9 < view.byteLength) {
    if (view.getUint8(offset) !== 0xff) return undefined;
    const marker = view.getUint8(offset + 1);
    if (marker === 0xff) {
      offset += 1;
      continue;
    }
    const length = view.getUint16(offset + 2);
    if (JPEG_SOF_MARKERS.has(marker)) return { height: view.getUint16(offset + 5), width: view.getUint16(offset + 7) };
    offset += 2 + length;
  }
  return undefined;
}

function readTiffSize(view: DataView): ImageSize | undefined {
  const little = view.getUint16(0) === 0x4949;
  let ifd = view.getUint32(4, little);
  let largest: ImageSize | undefined;
  for (let count = 0; count < TIFF_MAX_IFDS && ifd > 0 && ifd + 2 <= view.byteLength; count += 1) {
    const entries = view.getUint16(ifd, little);
    let width = 0;
    let height = 0;
    for (let index = 0; index < entries; index += 1) {
      const entry = ifd + 2 + index * 12;
      if (entry + 12 > view.byteLength) break;
      const tag = view.getUint16(entry, little);
      const type = view.getUint16(entry + 2, little);
      const value = type === TIFF_TYPE_SHORT ? view.getUint16(entry + 8, little) : view.getUint32(entry + 8, little);
      if (tag === TIFF_TAG_WIDTH) width = value;
      if (tag === TIFF_TAG_HEIGHT) height = value;
    }
    if (!largest || width * height > largest.width * largest.height) largest = { width, height };
    const next = ifd + 2 + entries * 12;
    ifd = next + 4 <= view.byteLength ? view.getUint32(next, little) : 0;
  }
  return largest;
}

function readWebpSize(view: DataView): ImageSize | undefined {
  if (view.byteLength < 30) return undefined;
  const chunk = String.fromCharCode(view.getUint8(12), view.getUint8(13), view.getUint8(14), view.getUint8(15));
  if (chunk === 'VP8 ') return { width: view.getUint16(26, true) & 0x3fff, height: view.getUint16(28, true) & 0x3fff };
  if (chunk === 'VP8L') {
    const bits = view.getUint32(21, true);
    return { width: (bits & 0x3fff) + 1, height: ((bits >> 14) & 0x3fff) + 1 };
  }
  if (chunk === 'VP8X') {
    const width = 1 + (view.getUint8(24) | (view.getUint8(25) << 8) | (view.getUint8(26) << 16));
    const height = 1 + (view.getUint8(27) | (view.getUint8(28) << 8) | (view.getUint8(29) << 16));
    return { width, height };
  }
  return undefined;
}

const readers: Record<string, (view: DataView) => ImageSize | undefined> = {
  png: readPngSize,
  jpg: readJpegSize,
  tif: readTiffSize,
  webp: readWebpSize,
};

/** The declared size of a PNG, JPEG, TIFF or WebP without decoding it; undefined when unreadable. */
export function readImageSize(bytes: Uint8Array, fileType: string): ImageSize | undefined {
  const reader = readers[fileType];
  if (!reader) return undefined;
  try {
    return reader(new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  } catch {
    return undefined;
  }
}
