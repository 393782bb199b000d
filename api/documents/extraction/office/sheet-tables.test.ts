import type { OfficeContentNode } from 'officeparser';
import { describe, expect, it } from 'vitest';
import { sheetTables } from './sheet-tables.ts';

const sheetOf = (cells: Array<[number, number, string]>): OfficeContentNode =>
  ({
    type: 'sheet',
    metadata: { sheetName: 'Data' },
    children: cells.map(([row, col, text]) => ({ type: 'row', children: [{ type: 'cell', text, metadata: { row, col } }] })),
  }) as OfficeContentNode;

describe('sheetTables', () => {
  it('cuts a sparse sheet into one table per block of data, side by side or below each other', () => {
    const sheet = sheetOf([
      [0, 0, 'name'], [0, 1, 'litres'], [1, 0, 'tank'], [1, 1, '500'],
      [1, 4, 'site'], [2, 4, 'north'],
      [6, 2, 'total'], [6, 3, '500'],
    ]);
    expect(sheetTables(sheet)).toEqual([
      [['name', 'litres'], ['tank', '500']],
      [['site'], ['north']],
      [['total', '500']],
    ]);
  });
});
