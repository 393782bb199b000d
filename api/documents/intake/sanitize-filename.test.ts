import { describe, expect, it } from 'vitest';
import { HOSTILE_FILENAME } from '../../../test/fixtures/make-fixtures.ts';
import { sanitizeFilename } from './sanitize-filename.ts';

describe('sanitizeFilename', () => {
  it('drops directories, path escapes, control characters and bidi overrides but keeps the extension', () => {
    const safe = sanitizeFilename(HOSTILE_FILENAME);
    expect(safe).toBe('passwdgpj.report.pdf');
    expect([...safe].some((char) => char === '/' || char === '\\' || char.charCodeAt(0) < 0x20 || char === '\u202e')).toBe(false);
  });

  it('keeps readable names with spaces and accents', () => {
    expect(sanitizeFilename('Plan d’évacuation  2024.DOCX')).toBe('Plan d’évacuation 2024.docx');
  });

  it('handles Windows paths and names made only of dots', () => {
    expect(sanitizeFilename('C:\\Users\\me\\report.pdf')).toBe('report.pdf');
    expect(sanitizeFilename('..')).toBe('document');
    expect(sanitizeFilename('')).toBe('document');
  });

  it('caps very long names and keeps the extension', () => {
    const safe = sanitizeFilename(`${'a'.repeat(500)}.pdf`);
    expect(safe.length).toBeLessThanOrEqual(120);
    expect(safe.endsWith('.pdf')).toBe(true);
  });
});
