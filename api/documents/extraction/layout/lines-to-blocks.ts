import type { DocumentBlock } from '../structure/document-block.ts';
import { classifyHeadings } from './classify-headings.ts';
import { groupBlocks } from './group-blocks.ts';
import { orderReading } from './order-reading.ts';
import { stripPageFurniture } from './strip-page-furniture.ts';
import type { PageBox, TextLine } from './text-line.ts';

/**
 * The structure of a laid-out document (PDF text or OCR): page furniture removed, each page put in
 * reading order, lines grouped into paragraphs and list items, headings recovered with levels.
 */
export function linesToBlocks(lines: readonly TextLine[], pages: readonly PageBox[]): DocumentBlock[] {
  const linesByPage = Map.groupBy(stripPageFurniture(lines, pages), (line) => line.page);
  const ordered = pages.flatMap((box) => orderReading(linesByPage.get(box.page) ?? []));
  return classifyHeadings(groupBlocks(ordered));
}
