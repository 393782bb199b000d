import type { OfficeContentNode } from 'officeparser';

/** Spreadsheets can be huge; beyond this many cells a sheet is cut. */
const MAX_SHEET_CELLS = 200_000;
/** Regions split recursively; real sheets need a handful of levels. */
const MAX_SPLIT_DEPTH = 8;

type Grid = Array<Array<string | undefined> | undefined>;

interface Region {
  top: number;
  bottom: number;
  left: number;
  right: number;
}

const squash = (text: string | undefined) => (text ?? '').replace(/\s+/g, ' ').trim();

function sheetGrid(sheet: OfficeContentNode): Grid {
  const grid: Grid = [];
  let count = 0;
  (sheet.children ?? []).forEach((row, rowIndex) => {
    (row.children ?? []).forEach((cell, cellIndex) => {
      if (cell.type !== 'cell' || count >= MAX_SHEET_CELLS) return;
      const text = squash(cell.text ?? (cell.children ?? []).map((child) => child.text ?? '').join(' '));
      if (!text) return;
      (grid[cell.metadata?.row ?? rowIndex] ??= [])[cell.metadata?.col ?? cellIndex] = text;
      count += 1;
    });
  });
  return grid;
}

const filled = (grid: Grid, row: number, column: number) => grid[row]?.[column] !== undefined;

/** Runs of indexes in [from, to] for which `isUsed` holds, separated by unused ones. */
function usedRuns(from: number, to: number, isUsed: (index: number) => boolean): Array<[number, number]> {
  const runs: Array<[number, number]> = [];
  for (let index = from; index <= to; index += 1) {
    if (!isUsed(index)) continue;
    const last = runs[runs.length - 1];
    if (last && last[1] === index - 1) last[1] = index;
    else runs.push([index, index]);
  }
  return runs;
}

/** Splits a region at empty rows, then at empty columns, until each part is one block of data. */
function splitRegion(grid: Grid, region: Region, depth: number): Region[] {
  const rowRuns = usedRuns(region.top, region.bottom, (row) => usedRuns(region.left, region.right, (column) => filled(grid, row, column)).length > 0);
  if (rowRuns.length === 0) return [];
  const columnRuns = usedRuns(region.left, region.right, (column) => rowRuns.some(([top, bottom]) => usedRuns(top, bottom, (row) => filled(grid, row, column)).length > 0));
  const tight = { top: rowRuns[0]![0], bottom: rowRuns[rowRuns.length - 1]![1], left: columnRuns[0]![0], right: columnRuns[columnRuns.length - 1]![1] };
  if (depth >= MAX_SPLIT_DEPTH) return [tight];
  if (rowRuns.length > 1) return rowRuns.flatMap(([top, bottom]) => splitRegion(grid, { ...tight, top, bottom }, depth + 1));
  const columnBlocks = usedRuns(tight.left, tight.right, (column) => usedRuns(tight.top, tight.bottom, (row) => filled(grid, row, column)).length > 0);
  if (columnBlocks.length > 1) return columnBlocks.flatMap(([left, right]) => splitRegion(grid, { ...tight, left, right }, depth + 1));
  return [tight];
}

/**
 * A sheet as tables: cells placed by their row and column, cut into one table per block of data
 * (separated by empty rows or columns), like Docling's one table per data region.
 */
export function sheetTables(sheet: OfficeContentNode): string[][][] {
  const grid = sheetGrid(sheet);
  // reduce skips the holes of the sparse grid (spreading them would give undefined).
  const width = grid.reduce((widest, row) => Math.max(widest, row?.length ?? 0), 0);
  const regions = splitRegion(grid, { top: 0, bottom: grid.length - 1, left: 0, right: width - 1 }, 0);
  return regions.map((region) =>
    Array.from({ length: region.bottom - region.top + 1 }, (_, row) =>
      Array.from({ length: region.right - region.left + 1 }, (_, column) => grid[region.top + row]?.[region.left + column] ?? ''),
    ),
  );
}
