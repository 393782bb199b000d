import type { OfficeAttachment } from 'officeparser';
import type { DocumentBlock } from '../structure/document-block.ts';

type ChartData = NonNullable<OfficeAttachment['chartData']>;

/** A chart's data as Markdown: its title, then a table of categories by data series (as Docling writes it). */
export function chartBlocks(chart: ChartData): DocumentBlock[] {
  const blocks: DocumentBlock[] = [];
  if (chart.title) blocks.push({ type: 'paragraph', text: chart.title, page: null });
  const series = chart.dataSets ?? [];
  const labels = chart.labels ?? [];
  if (series.length === 0) return blocks;
  const categories = Math.max(labels.length, ...series.map((set) => set.values.length));
  const header = ['', ...series.map((set) => set.name ?? '')];
  const rows = Array.from({ length: categories }, (_, index) => [labels[index] ?? '', ...series.map((set) => set.values[index] ?? '')]);
  blocks.push({ type: 'table', rows: [header, ...rows], page: null });
  return blocks;
}
