import { execFileSync } from 'node:child_process';
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractFile } from '../../../../test/fixtures/extract-fixture.ts';
import { makeDocx, makeFixtureDirectory, PLAN_HTML, writeFixture } from '../../../../test/fixtures/make-fixtures.ts';
import { detectFileType } from '../../intake/detect-file-type.ts';
import { ProcessingMode } from '../extracted-document.ts';
import { findLibreOffice } from './find-libreoffice.ts';

const libreOffice = findLibreOffice();
let directory: string;
let docx: string;
beforeAll(async () => {
  directory = await makeFixtureDirectory();
  docx = await writeFixture(directory, 'plan.docx', makeDocx());
});
afterAll(() => rm(directory, { recursive: true, force: true }));

const EXPECTED_MARKDOWN = '# Evacuation Plan\n\nLeave by the east road when the river rises.\n\n## Meeting Points\n\n| Place | Capacity |\n| --- | --- |\n| Town hall | 300 |\n| Sports field | 1200 |\n';

describe('office extraction', () => {
  it('keeps heading levels, paragraphs and tables of a DOCX', async () => {
    const document = await extractFile(docx);
    expect(document.markdown).toBe(EXPECTED_MARKDOWN);
    expect(document.sections.map((section) => section.path)).toEqual([['Evacuation Plan'], ['Evacuation Plan', 'Meeting Points']]);
  });

  it('reads the same structure in basic mode but leaves the file to a local instance', async () => {
    const document = await extractFile(docx, ProcessingMode.cloudSimple);
    expect(document).toMatchObject({ markdown: EXPECTED_MARKDOWN, needsFullProcessing: true });
  });

  describe.skipIf(!libreOffice)('legacy formats through LibreOffice', () => {
    let legacyDoc: string;
    beforeAll(async () => {
      // LibreOffice writes the legacy .doc fixture from HTML (its own profile, like production).
      const html = await writeFixture(directory, 'plan.html', PLAN_HTML);
      const profile = `file://${path.join(directory, 'profile')}`;
      execFileSync(libreOffice!, [`-env:UserInstallation=${profile}`, '--headless', '--convert-to', 'doc:MS Word 97', '--outdir', directory, html], { timeout: 60_000 });
      legacyDoc = path.join(directory, 'plan.doc');
    }, 60_000);

    it('detects the legacy .doc and converts it before parsing', async () => {
      expect((await detectFileType(new Uint8Array(await readFile(legacyDoc)), 'x')).fileType).toBe('doc');
      const document = await extractFile(legacyDoc);
      expect(document.sections.map((section) => section.heading)).toEqual(['Evacuation Plan', 'Meeting Points']);
      expect(document.markdown).toContain('| Sports field | 1200 |');
    });

    it('does not start LibreOffice in basic mode', async () => {
      const document = await extractFile(legacyDoc, ProcessingMode.cloudSimple);
      expect(document).toMatchObject({ markdown: '', needsFullProcessing: true });
      expect(document.warnings[0]).toMatch(/needs LibreOffice/);
    });
  });
});
