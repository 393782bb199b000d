import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { defaultExtractionLimits } from '../../api/documents/extraction/extraction-request.ts';
import { extractDocument } from '../../api/documents/extraction/extract-document.ts';
import { locateOcrLanguages } from '../../api/documents/extraction/ocr/ocr-languages.ts';
import { describeError } from '../../api/errors/app-error.ts';
import { detectFileType } from '../../api/documents/intake/detect-file-type.ts';
import { characterErrorRate, orderedRecall, textSimilarity } from './compare-text.ts';
import { markdownHeadings, scoreHeadings } from './compare-headings.ts';
import type { EvalCase } from './eval-cases.ts';

/** One row of the eval table; metrics are null where the case has no reference for them. */
export interface EvalResult {
  testCase: EvalCase;
  name: string;
  seconds: number;
  similarity: number | null;
  headingF1: number | null;
  headingCounts: string | null;
  cer: number | null;
  orderedRecall: number | null;
  note: string;
}

const EVAL_TIMEOUT_MS = 180_000;

const plainText = (markdown: string) => markdown.replace(/^#+\s+/gm, '').replace(/^[-*]\s+/gm, '').replace(/\\([#>*-])/g, '$1');

/** Processes one case through the real `extractDocument` (child process included) and scores it. */
export async function runEvalCase(testCase: EvalCase): Promise<EvalResult> {
  const name = path.basename(testCase.file);
  const empty = { testCase, name, seconds: 0, similarity: null, headingF1: null, headingCounts: null, cer: null, orderedRecall: null };
  const missing = locateOcrLanguages(['eng', ...(testCase.needsLanguages ?? [])].join('+')).filter((language) => !language.file);
  if (missing.length > 0) return { ...empty, note: `skipped: needs ${missing.map((language) => language.packageName).join(', ')}` };
  const started = performance.now();
  try {
    const detected = await detectFileType(new Uint8Array(await readFile(testCase.file)), name);
    const document = await extractDocument({
      filePath: testCase.file,
      fileType: detected.fileType,
      kind: detected.kind,
      mode: testCase.mode,
      limits: { ...defaultExtractionLimits, timeoutMs: EVAL_TIMEOUT_MS },
      ocrLangs: 'eng',
    });
    const ours = document.markdown;
    const headings = testCase.referenceMarkdown && testCase.group === 'docling' ? markdownHeadings(testCase.referenceMarkdown) : testCase.expectedHeadings;
    const headingScore = headings ? scoreHeadings(markdownHeadings(ours), headings) : null;
    return {
      ...empty,
      seconds: (performance.now() - started) / 1000,
      similarity: testCase.referenceMarkdown ? textSimilarity(ours, testCase.referenceMarkdown) : null,
      headingF1: headingScore?.f1 ?? null,
      headingCounts: headingScore ? `${headingScore.found}/${headingScore.expected}` : null,
      cer: testCase.trueText ? characterErrorRate(plainText(ours), testCase.trueText) : null,
      orderedRecall: testCase.orderedText ? orderedRecall(ours, testCase.orderedText) : null,
      note: document.warnings.join('; ').slice(0, 120),
    };
  } catch (error) {
    return { ...empty, seconds: (performance.now() - started) / 1000, note: `failed: ${describeError(error)}` };
  }
}
