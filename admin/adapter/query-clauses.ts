import { and, asc, desc, type SQL } from 'drizzle-orm';
import type { Filter } from 'adminjs';
import type { ColumnSpec } from './describe-table.ts';
import { filterCondition } from './filter-condition.ts';

/** AdminJS never asks for more than this per page; a forged query must not either. */
export const MAX_PAGE_SIZE = 500;
const DEFAULT_PAGE_SIZE = 10;

export interface SortRequest {
  sortBy?: string;
  direction?: 'asc' | 'desc';
}

/** Finds the filterable or sortable column behind an AdminJS property path (null for computed or unknown paths). */
export type ColumnLookup = (path: string) => ColumnSpec | null;

/** All filter fields joined with AND. Unknown paths, computed values and omitted columns are ignored, as AdminJS does. */
export function whereClause(filter: Filter | undefined, columnAt: ColumnLookup): SQL | undefined {
  const conditions: SQL[] = [];
  for (const element of Object.values(filter?.filters ?? {})) {
    const spec = columnAt(element.path);
    const condition = spec ? filterCondition(spec, element.value) : undefined;
    if (condition) conditions.push(condition);
  }
  return conditions.length > 0 ? and(...conditions) : undefined;
}

/** The requested order with the primary key as tie-breaker, so pages never overlap or skip rows. */
export function orderClause(sort: SortRequest | undefined, columnAt: ColumnLookup, id: ColumnSpec): SQL[] {
  const direction = sort?.direction === 'desc' ? desc : asc;
  const spec = sort?.sortBy ? columnAt(sort.sortBy) : null;
  if (!spec || spec.isId) return [direction(id.column)];
  return [direction(spec.column), asc(id.column)];
}

/** Limit and offset as safe integers, whatever a query string held. */
export function pageBounds(options: { limit?: number; offset?: number }): { limit: number; offset: number } {
  const limit = Math.min(Math.max(1, Math.trunc(Number(options.limit)) || DEFAULT_PAGE_SIZE), MAX_PAGE_SIZE);
  return { limit, offset: Math.max(0, Math.trunc(Number(options.offset)) || 0) };
}
