import type { OcrPage, OcrWorker } from './create-ocr-worker.ts';
import { decodeDataUrl, ocrScale, ROTATIONS, type OcrImage, type Rotation } from './ocr-image.ts';
import { confidentCharacters, medianRowHeight, recognisedCharacters } from './ocr-page-lines.ts';

/** A page with this many confidently read characters is upright and sharp enough as it is. */
const ENOUGH_CONFIDENT_CHARACTERS = 200;
/** A short text read this confidently (share of its characters) is upright too: turned text reads as noise. */
const CONFIDENT_SHARE = 0.8;
const MIN_CHARACTERS = 8;
/** Text rows lower than this (pixels) are too small for tesseract: the page is enlarged first. */
const MIN_ROW_HEIGHT = 28;
const TARGET_ROW_HEIGHT = 40;
const MAX_UPSCALE = 3;
/** Enlarging by less than this is not worth a second reading. */
const MIN_USEFUL_UPSCALE = 1.2;
/** Orientation trials read a reduced copy: enough pixels for ~10 pt text to stay legible. */
const TRIAL_PIXELS = 2_000_000;
/** Another turn must read this many times more confident characters than the page as it is. */
const MIN_TURN_ADVANTAGE = 1.5;

/** One OCR result and how it was obtained; `scale` is result pixels per source pixel. */
export interface UprightRecognition {
  result: OcrPage;
  rotation: Rotation;
  scale: number;
  /** Confidently read characters at each orientation tried, for the eval and the logs. */
  trials: Array<{ rotation: Rotation; confidentCharacters: number }>;
}

function isClearlyUpright(result: OcrPage): boolean {
  const confident = confidentCharacters(result);
  const total = recognisedCharacters(result);
  return confident >= ENOUGH_CONFIDENT_CHARACTERS || (confident >= MIN_CHARACTERS && confident >= total * CONFIDENT_SHARE);
}

/** Reads the page enlarged when its text rows are too small (72-150 dpi scans). */
async function recognizeSharp(worker: OcrWorker, image: OcrImage, first: OcrPage, firstScale: number): Promise<{ result: OcrPage; scale: number }> {
  const rowHeight = medianRowHeight(first);
  if (rowHeight === 0 || rowHeight >= MIN_ROW_HEIGHT) return { result: first, scale: firstScale };
  const scale = ocrScale(image, Math.min(MAX_UPSCALE, (firstScale * TARGET_ROW_HEIGHT) / rowHeight));
  if (scale < firstScale * MIN_USEFUL_UPSCALE) return { result: first, scale: firstScale };
  const enlarged = await worker.recognize(image.toPgm(0, { scale }));
  return confidentCharacters(enlarged) > confidentCharacters(first) ? { result: enlarged, scale } : { result: first, scale: firstScale };
}

/**
 * Tesseract's orientation detector needs `osd` data that is not shipped offline, so the orientation
 * is found by reading a reduced copy at each quarter turn and keeping the one with the most
 * confidently read characters.
 */
async function findRotation(worker: OcrWorker, image: OcrImage, scale: number): Promise<UprightRecognition['trials']> {
  const trialScale = Math.min(scale, ocrScale(image, scale, TRIAL_PIXELS));
  const trials: UprightRecognition['trials'] = [];
  for (const rotation of ROTATIONS) {
    const trial = await worker.recognize(image.toPgm(rotation, { scale: trialScale }));
    trials.push({ rotation, confidentCharacters: confidentCharacters(trial) });
  }
  return trials;
}

/** Recognises a decoded image: enlarged when its text is small, turned upright when rotated 90/180/270 degrees. */
export async function recognizeUpright(worker: OcrWorker, image: OcrImage, firstPass?: { result: OcrPage; scale: number }): Promise<UprightRecognition> {
  const naturalScale = ocrScale(image, 1);
  const first = firstPass ?? { result: await worker.recognize(image.toPgm(0, { scale: naturalScale })), scale: naturalScale };
  const sharp = await recognizeSharp(worker, image, first.result, first.scale);
  if (isClearlyUpright(sharp.result)) return { ...sharp, rotation: 0, trials: [] };
  const trials = await findRotation(worker, image, sharp.scale);
  const upright = trials.find((trial) => trial.rotation === 0)!;
  const best = trials.reduce((winner, trial) => (trial.confidentCharacters > winner.confidentCharacters ? trial : winner));
  if (best.rotation === 0 || best.confidentCharacters < Math.max(1, upright.confidentCharacters) * MIN_TURN_ADVANTAGE) {
    return { ...sharp, rotation: 0, trials };
  }
  const turned = await worker.recognize(image.toPgm(best.rotation, { scale: sharp.scale }));
  return { result: turned, rotation: best.rotation, scale: sharp.scale, trials };
}

/**
 * Recognises image bytes the canvas cannot decode (TIFF): tesseract reads them as they are, and its
 * grey copy of the page is decoded when the page needs enlarging or turning.
 */
export async function recognizeEncodedUpright(worker: OcrWorker, bytes: Buffer): Promise<UprightRecognition> {
  const first = await worker.recognize(bytes, { withGreyImage: true });
  const asIs: UprightRecognition = { result: first, rotation: 0, scale: 1, trials: [] };
  const rowHeight = medianRowHeight(first);
  const fine = isClearlyUpright(first) && (rowHeight === 0 || rowHeight >= MIN_ROW_HEIGHT);
  if (fine || !first.imageGrey) return asIs;
  const decoded = await decodeDataUrl(first.imageGrey);
  return decoded ? recognizeUpright(worker, decoded, { result: first, scale: 1 }) : asIs;
}
