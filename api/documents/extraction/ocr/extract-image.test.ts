import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractFile } from '../../../../test/fixtures/extract-fixture.ts';
import { makeFixtureDirectory, makeTextImage, writeFixture } from '../../../../test/fixtures/make-fixtures.ts';
import { AppError } from '../../../errors/app-error.ts';
import { ProcessingMode } from '../extracted-document.ts';
import { extractDocument } from '../extract-document.ts';
import { defaultExtractionLimits } from '../extraction-request.ts';
import { checkExtractionTools } from '../check-extraction-tools.ts';

let directory: string;
let upright: string;
beforeAll(async () => {
  directory = await makeFixtureDirectory();
  upright = await writeFixture(directory, 'notice.png', makeTextImage());
});
afterAll(() => rm(directory, { recursive: true, force: true }));

const words = (markdown: string) => markdown.replace(/[^\p{L}\s]/gu, ' ').split(/\s+/).filter(Boolean);

describe('image OCR', () => {
  it('reads the words of an image offline and makes the large line a heading', async () => {
    const document = await extractFile(upright);
    expect(document.sections[0]).toMatchObject({ level: 1, heading: 'Flood Warning' });
    expect(words(document.markdown)).toEqual(expect.arrayContaining(['Move', 'valuables', 'upstairs', 'street', 'switch', 'power']));
    expect(document.needsFullProcessing).toBe(false);
  });

  it('turns an upside-down image upright before reading it', async () => {
    const document = await extractFile(await writeFixture(directory, 'upside-down.png', makeTextImage(180)));
    expect(document.warnings).toContain('page 1 was turned 180 degrees before OCR');
    expect(document.markdown).toMatch(/Flood Warning/);
    expect(document.markdown).toMatch(/reaches the street/);
  });

  // Tesseract reads some quarter-turned pages by itself (as vertical text); the others are turned first.
  it.each([90, 270] as const)('reads a sideways image (turned %i degrees)', async (rotation) => {
    const document = await extractFile(await writeFixture(directory, `sideways-${rotation}.png`, makeTextImage(rotation)));
    expect(document.sections[0]).toMatchObject({ heading: 'Flood Warning' });
    expect(words(document.markdown)).toEqual(expect.arrayContaining(['Move', 'valuables', 'upstairs', 'reaches', 'street', 'switch', 'power']));
  });

  it('leaves images to a local instance in basic mode', async () => {
    const document = await extractFile(upright, ProcessingMode.cloudSimple);
    expect(document).toMatchObject({ markdown: '', needsFullProcessing: true, processingMode: 'cloud_simple' });
  });

  it('names the npm package to install when an OCR language is missing, without downloading it', async () => {
    const attempt = extractDocument({ filePath: upright, fileType: 'png', mode: ProcessingMode.localFull, limits: defaultExtractionLimits, ocrLangs: 'eng+zzz' });
    const error = await attempt.then(() => undefined, (caught: unknown) => caught);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).details?.reason).toBe('converter_missing');
    expect((error as AppError).message).toContain('npm install @tesseract.js-data/zzz');
  });

  it('reports installed OCR languages and LibreOffice for hub doctor', async () => {
    const checks = await checkExtractionTools({ OCR_LANGS: 'eng+zzz' });
    expect(checks.find((check) => check.name === 'OCR eng')).toMatchObject({ ok: true });
    expect(checks.find((check) => check.name === 'OCR zzz')).toMatchObject({ ok: false, detail: 'missing: run `npm install @tesseract.js-data/zzz`' });
    expect(checks.find((check) => check.name === 'LibreOffice')?.detail).toMatch(/\d+\.\d+|not found/);
  });
});
