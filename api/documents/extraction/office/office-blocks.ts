import type { OfficeAttachment, OfficeContentNode, OfficeParserAST } from 'officeparser';
import { chartBlocks } from './chart-blocks.ts';
import type { DocumentBlock } from '../structure/document-block.ts';
import { MAX_HEADING_LEVEL } from '../structure/document-block.ts';
import type { WorkbookSheet } from './read-workbook-sheets.ts';
import { sheetTables } from './sheet-tables.ts';

/** Node types that hold layout chrome or binary content, not reading matter. */
const SKIPPED_TYPES = new Set(['header', 'footer', 'slideMaster', 'image', 'drawing', 'comment', 'break', 'embed']);

const squash = (text: string | undefined) => (text ?? '').replace(/\s+/g, ' ').trim();

/** Nodes whose `text` may leave out nested lists and tables: their text is built from their children. */
const CONTAINER_TYPES = new Set(['cell', 'row', 'table', 'slide', 'sheet', 'page', 'note']);

/** The text of a node: its own `text` for paragraphs and runs, its children's for containers such as cells. */
export function nodeText(node: OfficeContentNode): string {
  const hasChildren = (node.children ?? []).length > 0;
  if (!CONTAINER_TYPES.has(node.type) && node.text !== undefined && node.text !== '') return squash(node.text);
  if (!hasChildren) return squash(node.text);
  return squash((node.children ?? []).filter((child) => !SKIPPED_TYPES.has(child.type)).map(nodeText).join(' '));
}

/** Rows of a table with each merged cell repeated across the columns it spans (as Docling does). */
export function tableRows(table: OfficeContentNode): string[][] {
  const rows: string[][] = [];
  const pendingRowSpans = new Map<number, { text: string; remaining: number }>();
  for (const row of (table.children ?? []).filter((child) => child.type === 'row')) {
    const cells: string[] = [];
    const take = () => {
      while (pendingRowSpans.has(cells.length)) {
        const pending = pendingRowSpans.get(cells.length)!;
        cells.push(pending.text);
        if (--pending.remaining === 0) pendingRowSpans.delete(cells.length - 1);
      }
    };
    for (const cell of (row.children ?? []).filter((child) => child.type === 'cell')) {
      take();
      const text = nodeText(cell);
      const metadata = cell.type === 'cell' ? cell.metadata : undefined;
      const colSpan = Math.min(100, Math.max(1, metadata?.colSpan ?? 1));
      const rowSpan = Math.min(1000, Math.max(1, metadata?.rowSpan ?? 1));
      for (let span = 0; span < colSpan; span += 1) {
        if (rowSpan > 1) pendingRowSpans.set(cells.length, { text, remaining: rowSpan - 1 });
        cells.push(text);
      }
    }
    take();
    rows.push(cells);
  }
  return rows.filter((row) => row.some((cell) => cell !== ''));
}

interface WalkState {
  blocks: DocumentBlock[];
  headingShift: number;
  charts: Map<string, NonNullable<OfficeAttachment['chartData']>>;
}

function pushNode(node: OfficeContentNode, state: WalkState): void {
  const text = nodeText(node);
  switch (node.type) {
    case 'heading': {
      const level = Math.min(MAX_HEADING_LEVEL, (node.metadata?.level ?? 1) + (/^title$/i.test(node.metadata?.style ?? '') ? 0 : state.headingShift));
      if (text) state.blocks.push({ type: 'heading', level, text, page: null });
      return;
    }
    case 'list':
      if (text) state.blocks.push({ type: 'listItem', text, depth: node.metadata?.indentation ?? 0, ordered: node.metadata?.listType === 'ordered', page: null });
      return;
    case 'table': {
      const rows = tableRows(node);
      if (rows.length > 0) state.blocks.push({ type: 'table', rows, page: null });
      return;
    }
    case 'sheet':
      state.blocks.push({ type: 'heading', level: 1, text: node.metadata?.sheetName ?? 'Sheet', page: null });
      for (const rows of sheetTables(node)) state.blocks.push({ type: 'table', rows, page: null });
      return;
    case 'chart': {
      const data = state.charts.get(node.metadata?.attachmentName ?? '');
      if (data) state.blocks.push(...chartBlocks(data));
      else if (text) state.blocks.push({ type: 'paragraph', text, page: null });
      return;
    }
    case 'code':
      if (text) state.blocks.push({ type: 'code', text: node.text ?? text, page: null });
      return;
    case 'paragraph':
    case 'text':
    case 'note':
      if (text) state.blocks.push({ type: 'paragraph', text, page: null });
      return;
    default:
      for (const child of node.children ?? []) walk(child, state);
  }
}

function walk(node: OfficeContentNode, state: WalkState): void {
  if (SKIPPED_TYPES.has(node.type)) return;
  pushNode(node, state);
}

/** True when a heading styled "Title" sits above the real headings (they then move one level down). */
function hasTitleHeading(nodes: readonly OfficeContentNode[]): boolean {
  return nodes.some((node) => node.type === 'heading' && /^title$/i.test(node.metadata?.style ?? ''));
}

/** Puts sheets in the workbook's tab order and drops hidden ones; other nodes keep their place. */
function orderSheets(nodes: readonly OfficeContentNode[], sheets: readonly WorkbookSheet[]): OfficeContentNode[] {
  if (sheets.length === 0) return [...nodes];
  const position = new Map(sheets.map((sheet, index) => [sheet.name, index]));
  const hidden = new Set(sheets.filter((sheet) => sheet.hidden).map((sheet) => sheet.name));
  const nameOf = (node: OfficeContentNode) => (node.type === 'sheet' ? (node.metadata?.sheetName ?? '') : '');
  return nodes
    .filter((node) => node.type !== 'sheet' || !hidden.has(nameOf(node)))
    .map((node, index) => ({ node, order: node.type === 'sheet' ? (position.get(nameOf(node)) ?? index) : index }))
    .sort((left, right) => left.order - right.order)
    .map((entry) => entry.node);
}

/**
 * officeparser's tree as blocks: headings with levels, lists with depth, tables, slides in order, and
 * sheets in the workbook's tab order (hidden sheets left out) when `sheets` is given.
 */
export function officeBlocks(ast: OfficeParserAST, sheets: readonly WorkbookSheet[] = []): DocumentBlock[] {
  const charts = new Map(ast.attachments.flatMap((attachment) => (attachment.chartData ? [[attachment.name, attachment.chartData] as const] : [])));
  const state: WalkState = { blocks: [], headingShift: hasTitleHeading(ast.content) ? 1 : 0, charts };
  for (const node of orderSheets(ast.content, sheets)) walk(node, state);
  return state.blocks;
}
