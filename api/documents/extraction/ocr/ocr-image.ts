import { createCanvas, loadImage, type Canvas, type Image } from '@napi-rs/canvas';

/** Quarter turns an upright page may need; tesseract reads only upright text well. */
export type Rotation = 0 | 90 | 180 | 270;
export const ROTATIONS: readonly Rotation[] = [0, 90, 180, 270];

/** Tesseract is accurate at ~300 dpi; beyond this many pixels a page only gets slower and bigger. */
export const OCR_MAX_PIXELS = 12_000_000;

/** A decoded picture the OCR can ask for at any quarter turn and size, as a grey PGM. */
export interface OcrImage {
  width: number;
  height: number;
  /**
   * Grey PGM bytes (leptonica reads PNM without a codec), rotated, scaled by `scale` (enlarging
   * helps low-resolution scans) but never beyond maxPixels.
   */
  toPgm(rotation: Rotation, options?: { maxPixels?: number; scale?: number }): Buffer;
}

type Drawable = Image | Canvas;

const RED = 299;
const GREEN = 587;
const BLUE = 114;
const LUMA_SCALE = 1000;

function encodePgm(rgba: Uint8ClampedArray, width: number, height: number): Buffer {
  const header = Buffer.from(`P5\n${width} ${height}\n255\n`, 'ascii');
  const grey = Buffer.allocUnsafe(width * height);
  for (let pixel = 0, offset = 0; pixel < grey.length; pixel += 1, offset += 4) {
    grey[pixel] = (rgba[offset]! * RED + rgba[offset + 1]! * GREEN + rgba[offset + 2]! * BLUE) / LUMA_SCALE;
  }
  return Buffer.concat([header, grey]);
}

/** The scale actually used for a wanted one: the pixel budget wins over enlargement. */
export function ocrScale(size: { width: number; height: number }, wanted: number, maxPixels = OCR_MAX_PIXELS): number {
  return Math.min(wanted, Math.sqrt(maxPixels / Math.max(1, size.width * size.height)));
}

/** Wraps a decoded image or a rendered canvas; drawing on white flattens transparency. */
export function ocrImageFrom(source: Drawable): OcrImage {
  return {
    width: source.width,
    height: source.height,
    toPgm(rotation, options = {}) {
      const scale = ocrScale(source, options.scale ?? 1, options.maxPixels ?? OCR_MAX_PIXELS);
      const scaledWidth = Math.max(1, Math.round(source.width * scale));
      const scaledHeight = Math.max(1, Math.round(source.height * scale));
      const quarter = rotation === 90 || rotation === 270;
      const width = quarter ? scaledHeight : scaledWidth;
      const height = quarter ? scaledWidth : scaledHeight;
      const canvas = createCanvas(width, height);
      const context = canvas.getContext('2d');
      context.fillStyle = '#ffffff';
      context.fillRect(0, 0, width, height);
      context.translate(width / 2, height / 2);
      context.rotate((rotation * Math.PI) / 180);
      context.drawImage(source, -scaledWidth / 2, -scaledHeight / 2, scaledWidth, scaledHeight);
      return encodePgm(context.getImageData(0, 0, width, height).data, width, height);
    },
  };
}

/** Decodes PNG, JPEG or WebP bytes with @napi-rs/canvas; undefined for formats it cannot read (TIFF). */
export async function decodeOcrImage(bytes: Uint8Array): Promise<OcrImage | undefined> {
  try {
    return ocrImageFrom(await loadImage(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)));
  } catch {
    return undefined;
  }
}

/** Decodes the PNG data URL tesseract returns for its grey image (the way TIFF pages reach the canvas). */
export async function decodeDataUrl(dataUrl: string): Promise<OcrImage | undefined> {
  const base64 = dataUrl.slice(dataUrl.indexOf(',') + 1);
  return decodeOcrImage(Buffer.from(base64, 'base64'));
}
