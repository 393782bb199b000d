import { and, eq, gte, ilike, lt, lte, sql, type SQL } from 'drizzle-orm';
import { ColumnKind } from './column-kind.ts';
import type { ColumnSpec } from './describe-table.ts';
import { parseColumnValue } from './parse-column-value.ts';

/** A filter that cannot match (a malformed id, an unknown enum value): no rows rather than a 500. */
const NOTHING = sql`false`;

/** What AdminJS puts in a filter field: a string, or { from, to } for dates. */
export type FilterValue = unknown;

/**
 * The WHERE condition for one AdminJS filter field, or undefined when the field adds no constraint
 * (empty input). Text is searched case-insensitively as a substring with LIKE wildcards escaped;
 * everything else is compared exactly after parsing, and date/time ranges are inclusive.
 */
export function filterCondition(spec: ColumnSpec, value: FilterValue): SQL | undefined {
  const { column, kind } = spec;
  if (kind === ColumnKind.datetime) return dateRange(spec, value);
  if (typeof value !== 'string') return NOTHING;
  if (value.trim() === '') return undefined;
  switch (kind) {
    case ColumnKind.text:
      return ilike(sql`${column}::text`, containsPattern(value));
    case ColumnKind.json:
    case ColumnKind.array:
      // Searching inside structured values by their text form finds keys and items (e.g. a chat id).
      return ilike(kind === ColumnKind.array ? sql`array_to_string(${column}, ' ')` : sql`${column}::text`, containsPattern(value));
    default: {
      const parsed = parseColumnValue(spec, value);
      return parsed.ok && parsed.value !== null ? eq(column, parsed.value) : NOTHING;
    }
  }
}

/** `%value%` with the LIKE wildcards and the escape character itself taken literally (backslash is PostgreSQL's default LIKE escape). */
export function containsPattern(value: string): string {
  return `%${value.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
}

function dateRange(spec: ColumnSpec, value: FilterValue): SQL | undefined {
  const range = typeof value === 'string' ? { from: value } : (value as { from?: unknown; to?: unknown } | null);
  if (!range || typeof range !== 'object') return NOTHING;
  const conditions: SQL[] = [];
  for (const bound of ['from', 'to'] as const) {
    const raw = range[bound];
    if (raw === undefined || raw === '') continue;
    const parsed = parseColumnValue(spec, raw);
    if (!parsed.ok || !(parsed.value instanceof Date)) return NOTHING;
    if (bound === 'from') conditions.push(gte(spec.column, parsed.value));
    // "to 2026-03-01" means up to the end of that day, not its first instant.
    else if (DATE_ONLY.test(String(raw))) conditions.push(lt(spec.column, new Date(parsed.value.getTime() + DAY_MS)));
    else conditions.push(lte(spec.column, parsed.value));
  }
  return conditions.length > 0 ? and(...conditions) : undefined;
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;
