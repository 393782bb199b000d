import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ProcessingMode } from '../../api/documents/extraction/extracted-document.ts';

/** One file to process and what to compare its output with. */
export interface EvalCase {
  group: 'docling' | 'ocr' | 'scanned' | 'pdftext';
  category: string;
  file: string;
  mode: ProcessingMode;
  /** Docling's Markdown (similarity and headings). */
  referenceMarkdown?: string;
  /** True text (character error rate). */
  trueText?: string;
  /** Text whose word order must be kept (reading-order recall). */
  orderedText?: string;
  /** Expected headings when there is no reference Markdown. */
  expectedHeadings?: string[];
  /** OCR language packages the case needs besides eng. */
  needsLanguages?: string[];
  /** Counted in the "clean pages" CER goal. */
  clean?: boolean;
}

const DOCLING_OCR_TRUTH = 'Docling bundles PDF document conversion to JSON and Markdown in an easy self contained package';
const CATEGORY_BY_EXTENSION: Record<string, string> = { pdf: 'digital PDF', html: 'HTML', tif: 'OCR', webp: 'OCR', doc: 'office', ppt: 'office', xls: 'office' };
const CLEAN_OCR_IMAGES = new Set(['tesseract-phototest', 'tesseract-phototest-rotated-180', 'tesseract-phototest-rotated-L', 'tesseractjs-testocr', 'tesseractjs-simple', 'tesseractjs-simple-90', 'tesseractjs-cosmic', 'tesseractjs-escape_chars']);
const LANGUAGES_BY_IMAGE: Record<string, string[]> = { 'tesseractjs-chinese': ['chi_tra'], 'tesseract-eurotext': ['deu', 'fra', 'ita', 'spa', 'por'] };
/** Where the right column starts in pypdf's layout text of multicolumn.pdf page 1; 5 header lines above. */
const LAYOUT_RIGHT_COLUMN = 66;
const LAYOUT_HEADER_LINES = 5;

const read = (file: string) => readFileSync(file, 'utf8');

/**
 * The tif is page 1 of a paper whose reference is the whole paper: keep title, authors, abstract and
 * the first paragraph of the introduction, without the page-2 running header.
 */
function firstPageOfPaper(markdown: string): string {
  const lines = markdown.split('\n');
  const introduction = lines.findIndex((line) => line.startsWith('## 1 INTRODUCTION'));
  const firstParagraph = lines.findIndex((line, index) => index > introduction + 1 && line.trim() !== '');
  return lines.slice(0, firstParagraph + 1).filter((line) => !/^KDD '22, .*Staar$/.test(line)).join('\n');
}

function doclingCases(corpus: string): EvalCase[] {
  const inputs = path.join(corpus, 'docling', 'inputs');
  return readdirSync(inputs).sort().flatMap((name): EvalCase[] => {
    const reference = path.join(corpus, 'docling', 'groundtruth', `${name}.md`);
    if (!existsSync(reference)) return [];
    const extension = path.extname(name).slice(1);
    const isOcr = name.startsWith('ocr_test') || extension === 'webp' || extension === 'tif';
    let referenceMarkdown = read(reference);
    if (extension === 'tif') referenceMarkdown = firstPageOfPaper(referenceMarkdown);
    return [{
      group: 'docling',
      category: isOcr ? 'OCR' : (CATEGORY_BY_EXTENSION[extension] ?? 'office'),
      file: path.join(inputs, name),
      mode: ProcessingMode.localFull,
      referenceMarkdown,
      trueText: isOcr && extension !== 'tif' ? DOCLING_OCR_TRUTH : undefined,
      clean: isOcr && extension !== 'tif',
    }];
  });
}

function ocrCases(corpus: string): EvalCase[] {
  const directory = path.join(corpus, 'ocr');
  return readdirSync(directory).filter((name) => /\.(png|jpe?g|tiff?|webp)$/i.test(name)).sort().map((name) => {
    const stem = name.replace(/\.[^.]+$/, '');
    return {
      group: 'ocr' as const,
      category: stem.startsWith('unlv') ? 'real scan' : CLEAN_OCR_IMAGES.has(stem) ? 'clean' : 'hard',
      file: path.join(directory, name),
      mode: ProcessingMode.localFull,
      trueText: read(path.join(directory, `${stem}.txt`)),
      needsLanguages: LANGUAGES_BY_IMAGE[stem],
      clean: CLEAN_OCR_IMAGES.has(stem),
    };
  });
}

function pdftextCases(corpus: string): EvalCase[] {
  const directory = path.join(corpus, 'pdftext');
  const layout = read(path.join(directory, 'multicolumn.page1.layout.txt')).split('\n');
  const readingOrder = [
    ...layout.slice(0, LAYOUT_HEADER_LINES),
    ...layout.slice(LAYOUT_HEADER_LINES).map((line) => line.slice(0, LAYOUT_RIGHT_COLUMN)),
    ...layout.slice(LAYOUT_HEADER_LINES).map((line) => line.slice(LAYOUT_RIGHT_COLUMN)),
  ].join('\n');
  const headings = [...read(path.join(directory, 'pdflatex-outline.tex')).matchAll(/\\section\{([^}]+)\}/g)].map((match) => match[1]!);
  const basic = ProcessingMode.cloudSimple;
  return [
    { group: 'pdftext', category: 'text', file: path.join(directory, 'crazyones.pdf'), mode: basic, referenceMarkdown: read(path.join(directory, 'crazyones.txt')) },
    { group: 'pdftext', category: 'text', file: path.join(directory, 'GeoTopo-komprimiert.pdf'), mode: basic, referenceMarkdown: read(path.join(directory, 'GeoTopo-komprimiert.txt')) },
    { group: 'pdftext', category: 'reading order', file: path.join(directory, 'multicolumn.pdf'), mode: basic, orderedText: readingOrder },
    { group: 'pdftext', category: 'outline headings', file: path.join(directory, 'pdflatex-outline.pdf'), mode: basic, expectedHeadings: headings },
  ];
}

function scannedCases(corpus: string): EvalCase[] {
  const file = path.join(corpus, 'hostile', 'privategpt-file_scanned.pdf');
  return [{ group: 'scanned', category: 'scanned PDF', file, mode: ProcessingMode.localFull, trueText: read(file.replace(/\.pdf$/, '.groundtruth.txt')), clean: false }];
}

/** Every eval case found under the corpus folder. */
export function listEvalCases(corpus: string): EvalCase[] {
  return [...doclingCases(corpus), ...ocrCases(corpus), ...scannedCases(corpus), ...pdftextCases(corpus)];
}
