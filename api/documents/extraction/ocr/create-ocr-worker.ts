import Tesseract from 'tesseract.js';
import { UnreadableReason } from '../extracted-document.ts';
import { unreadableDocument } from '../unreadable-reason.ts';
import { prepareOcrLanguages } from './ocr-languages.ts';

/** Loading a worker takes ~0.3 s; longer means the WASM or the data failed silently. */
export const OCR_WORKER_START_TIMEOUT_MS = 30_000;

/** The result of one recognition: tesseract's page with its blocks and mean confidence. */
export type OcrPage = Tesseract.Page;

/** A started tesseract worker for a set of languages; reuse it for every image of a document. */
export interface OcrWorker {
  recognize(image: Buffer, options?: { rotateRadians?: number; withGreyImage?: boolean }): Promise<OcrPage>;
  terminate(): Promise<void>;
}

function withTimeout<T>(promise: Promise<T>, timeoutMs: number, onTimeout: () => Error): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(onTimeout()), timeoutMs);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Starts tesseract.js fully offline: language data from npm packages, no cache written, automatic
 * page segmentation. Worker errors reject the pending call instead of crashing the process.
 */
export async function createOcrWorker(ocrLangs: string, scratchDirectory: string): Promise<OcrWorker> {
  const languages = await prepareOcrLanguages(ocrLangs, scratchDirectory);
  let workerError: unknown;
  const starting = Tesseract.createWorker(languages.languages, Tesseract.OEM.LSTM_ONLY, {
    langPath: languages.langPath,
    cacheMethod: 'none',
    gzip: true,
    errorHandler: (error: unknown) => {
      workerError = error;
    },
  });
  let worker: Tesseract.Worker;
  try {
    worker = await withTimeout(starting, OCR_WORKER_START_TIMEOUT_MS, () =>
      unreadableDocument(UnreadableReason.converterMissing, { hint: 'the OCR engine did not start' }),
    );
    await worker.setParameters({ tessedit_pageseg_mode: Tesseract.PSM.AUTO });
  } catch (error) {
    await languages.remove();
    throw unreadableDocument(UnreadableReason.converterMissing, { hint: 'the OCR engine did not start' }, workerError ?? error);
  }
  return {
    async recognize(image, options = {}) {
      const output = { text: true, blocks: true, imageGrey: options.withGreyImage === true };
      const result = await worker.recognize(image, { rotateRadians: options.rotateRadians ?? 0 }, output);
      return result.data;
    },
    async terminate() {
      await worker.terminate().catch(() => undefined);
      await languages.remove();
    },
  };
}
