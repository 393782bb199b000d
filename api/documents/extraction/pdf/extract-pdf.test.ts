import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rm } from 'node:fs/promises';
import { corpusAvailable, corpusFile } from '../../../../test/fixtures/corpus.ts';
import { extractFile } from '../../../../test/fixtures/extract-fixture.ts';
import {
  makeFixtureDirectory,
  makeOverdrawnPdf,
  makeScannedPdf,
  makeStructuredPdf,
  makeTaggedPdf,
  makeTextlessPdf,
  TEXT_PRETENDING_TO_BE_PDF,
  writeFixture,
} from '../../../../test/fixtures/make-fixtures.ts';
import { ProcessingMode } from '../extracted-document.ts';

const basic = ProcessingMode.cloudSimple;
let directory: string;
beforeAll(async () => {
  directory = await makeFixtureDirectory();
});
afterAll(() => rm(directory, { recursive: true, force: true }));

describe('PDF extraction', () => {
  it('recovers two heading levels from font sizes, drops running footers and reads columns in order (basic mode)', async () => {
    const document = await extractFile(await writeFixture(directory, 'structured.pdf', makeStructuredPdf()), basic);
    expect(document.sections.map(({ level, heading, pageStart }) => ({ level, heading, pageStart }))).toEqual([
      { level: 1, heading: 'Water Safety', pageStart: 1 },
      { level: 2, heading: 'Storing Water', pageStart: 1 },
      { level: 2, heading: 'Boiling Water', pageStart: 2 },
      { level: 1, heading: 'Radio Contacts', pageStart: 3 },
    ]);
    expect(document.sections[2]!.path).toEqual(['Water Safety', 'Boiling Water']);
    expect(document.markdown).not.toContain('Preparedness guide - page');
    const boiling = document.sections[2]!.markdown;
    expect(boiling.indexOf('until the left column ends')).toBeLessThan(boiling.indexOf('Omega right column begins'));
    expect(document).toMatchObject({ pageCount: 3, needsFullProcessing: false, processingMode: basic, title: 'Preparedness guide', language: 'en' });
  });

  it('reads text drawn twice (repeated frames, fake bold, cut-short copies) once and skips text clipped away', async () => {
    const document = await extractFile(await writeFixture(directory, 'overdrawn.pdf', makeOverdrawnPdf()), basic);
    expect(document.markdown).toBe(
      [
        '# BE PREPARED FOR A FLOOD',
        '## Evacuation Guidelines',
        'Keep a full tank of gas in your car if an evacuation seems likely.',
        'Turn around, do not drown.',
        'Ask local officials about their emergency plans.',
      ].join('\n\n') + '\n',
    );
  });

  it('refuses a PDF over the page limit with the limit in the message', async () => {
    const file = await writeFixture(directory, 'three-pages.pdf', makeStructuredPdf());
    const error = await extractFile(file, basic, { maxPages: 2 }).then(() => undefined, (caught: unknown) => caught);
    expect(error).toMatchObject({ details: { reason: 'too_many_pages', limit: 2, actual: 3 }, message: 'page limit 2 exceeded (3 pages): split the document into smaller parts' });
  });

  it('takes heading levels from the structure tree of a tagged PDF', async () => {
    const document = await extractFile(await writeFixture(directory, 'tagged.pdf', makeTaggedPdf()), basic);
    expect(document.markdown).toBe('# Shelter Locations\n\nThe school gym opens when the siren sounds.\n\n## North District\n\nUse the church hall on Mill Road.\n');
  });

  it('flags a page without text for full processing in basic mode', async () => {
    const document = await extractFile(await writeFixture(directory, 'textless.pdf', makeTextlessPdf()), basic);
    expect(document.needsFullProcessing).toBe(true);
    expect(document.markdown).toBe('');
    expect(document.warnings[0]).toMatch(/1 of 1 pages have no text layer/);
  });

  it('renders and OCRs a scanned page in full mode', async () => {
    const document = await extractFile(await writeFixture(directory, 'scanned.pdf', await makeScannedPdf()));
    expect(document.needsFullProcessing).toBe(false);
    expect(document.markdown).toMatch(/Flood Warning/);
    expect(document.markdown).toMatch(/switch off the power/);
  });

  it('reads a text file that was renamed .pdf as text', async () => {
    const document = await extractFile(await writeFixture(directory, 'advisory.pdf', TEXT_PRETENDING_TO_BE_PDF), basic);
    expect(document.markdown).toContain('Boil tap water for one minute before drinking it.');
  });

  describe.skipIf(!corpusAvailable('PDF corpus checks'))('corpus PDFs', () => {
    it('finds the Foo/Bar/Baz sections of a LaTeX PDF with bookmarks', async () => {
      const document = await extractFile(corpusFile('pdftext', 'pdflatex-outline.pdf'), basic);
      const headings = document.sections.filter((section) => section.level > 0).map((section) => section.heading.replace(/^\d+\s*/, ''));
      expect(headings.filter((heading) => ['Foo', 'Bar', 'Baz'].includes(heading))).toHaveLength(9);
    });

    it('keeps the heading order of a multi-page Docling sample', async () => {
      const document = await extractFile(corpusFile('docling', 'inputs', 'multi_page.pdf'), basic);
      const headings = document.sections.map((section) => section.heading);
      expect(headings).toContain('Pre-Digital Era (19th - Early 20th Century)');
      expect(headings.indexOf('The Birth of Word Processing (1960s - 1970s)')).toBeLessThan(headings.indexOf('A Glimpse Into the Future'));
    });
  });
});
