import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { corpusAvailable, corpusFile } from '../../../test/fixtures/corpus.ts';
import { makeDocx, makeDocxBomb, makePixelBombPng, makeStructuredPdf, makeTextImage, TEXT_PRETENDING_TO_BE_PDF } from '../../../test/fixtures/make-fixtures.ts';
import { AppError, ErrorCode } from '../../errors/app-error.ts';
import { inspectUpload } from './inspect-upload.ts';
import { defaultUploadLimits } from './upload-limits.ts';

const bytes = (value: string | Buffer) => new Uint8Array(typeof value === 'string' ? Buffer.from(value) : value);

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(() => undefined, (caught: unknown) => caught);
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe('inspectUpload', () => {
  let docxBomb: Buffer;
  beforeAll(async () => {
    docxBomb = await makeDocxBomb(512);
  });

  it('detects PDFs, images and DOCX from their bytes, hashes them and cleans the name', async () => {
    const pdf = await inspectUpload(bytes(makeStructuredPdf()), 'guide.bin', defaultUploadLimits);
    expect(pdf).toMatchObject({ fileType: 'pdf', kind: 'pdf', mimeType: 'application/pdf', safeFilename: 'guide.bin' });
    expect(pdf.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect((await inspectUpload(bytes(makeTextImage()), 'scan', defaultUploadLimits)).kind).toBe('image');
    expect((await inspectUpload(bytes(makeDocx()), 'plan.docx', defaultUploadLimits)).fileType).toBe('docx');
  });

  it('gives the same hash to the same bytes under different names', async () => {
    const first = await inspectUpload(bytes(makeDocx()), 'a.docx', defaultUploadLimits);
    const second = await inspectUpload(bytes(makeDocx()), 'b.docx', defaultUploadLimits);
    expect(first.sha256).toBe(second.sha256);
  });

  it('treats a text file renamed .pdf as text', async () => {
    const inspected = await inspectUpload(bytes(TEXT_PRETENDING_TO_BE_PDF), 'advisory.pdf', defaultUploadLimits);
    expect(inspected).toMatchObject({ fileType: 'txt', kind: 'text' });
  });

  it('tells Markdown, HTML and CSV apart from plain text', async () => {
    expect((await inspectUpload(bytes('# Kit\n\n- water\n- torch\n'), 'kit.txt', defaultUploadLimits)).kind).toBe('markdown');
    expect((await inspectUpload(bytes('<!doctype html><html><body><p>Hi</p></body></html>'), 'x', defaultUploadLimits)).kind).toBe('html');
    expect((await inspectUpload(bytes('name,phone\nAna,123\nBo,456\n'), 'contacts.csv', defaultUploadLimits)).fileType).toBe('csv');
  });

  it('rejects a zip bomb named .docx before any parser runs', async () => {
    const error = await rejection(inspectUpload(bytes(docxBomb), 'minutes.docx', defaultUploadLimits));
    expect(error.code).toBe(ErrorCode.payloadTooLarge);
    expect(error.details?.reason).toBe('too_large');
  });

  it('rejects an image whose header declares more pixels than allowed', async () => {
    const error = await rejection(inspectUpload(bytes(makePixelBombPng()), 'photo.png', defaultUploadLimits));
    expect(error.details).toMatchObject({ reason: 'too_large', actual: '100000x100000' });
  });

  it('rejects empty files, oversized files and unknown binaries with typed reasons', async () => {
    expect((await rejection(inspectUpload(new Uint8Array(), 'empty.pdf', defaultUploadLimits))).details?.reason).toBe('empty');
    const tooBig = await rejection(inspectUpload(new Uint8Array(2048), 'big.pdf', { ...defaultUploadLimits, maxFileBytes: 1024 }));
    expect(tooBig.details?.reason).toBe('too_large');
    const binary = await rejection(inspectUpload(Uint8Array.from({ length: 512 }, (_, index) => (index * 7) % 256), 'x.pdf', defaultUploadLimits));
    expect(binary.details?.reason).toBe('unsupported_type');
  });

  describe.skipIf(!corpusAvailable('legacy Office detection'))('legacy Office files from the corpus', () => {
    it.each([['legacy_sample.doc', 'doc'], ['legacy_sample.xls', 'xls'], ['legacy_sample.ppt', 'ppt']])('tells %s apart as %s', async (name, type) => {
      const inspected = await inspectUpload(new Uint8Array(readFileSync(corpusFile('docling', 'inputs', name))), 'file.bin', defaultUploadLimits);
      expect(inspected).toMatchObject({ fileType: type, kind: 'office' });
    });
  });
});
