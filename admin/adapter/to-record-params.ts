import { ColumnKind } from './column-kind.ts';
import type { ColumnSpec } from './describe-table.ts';

/**
 * A database row as AdminJS params. JSON becomes indented text: AdminJS flattens nested objects into
 * `a.b.c` keys that no standard property displays, and `{}` would crash the text components.
 * Dates become ISO strings and bigints strings, so every value survives JSON to the browser.
 */
export function toRecordParams(columns: readonly ColumnSpec[], row: Record<string, unknown>): Record<string, unknown> {
  const params: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row)) {
    const spec = columns.find((column) => column.path === key);
    params[key] = spec ? displayValue(spec, value) : plainValue(value);
  }
  return params;
}

function displayValue(spec: ColumnSpec, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (spec.kind === ColumnKind.json) return JSON.stringify(value, null, 2);
  if (spec.kind === ColumnKind.array && Array.isArray(value)) return value.map(plainValue);
  return plainValue(value);
}

function plainValue(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'bigint') return value.toString();
  return value;
}
