import { ColumnKind } from './column-kind.ts';
import type { ColumnSpec } from './describe-table.ts';

export type Parsed = { ok: true; value: unknown } | { ok: false; message: string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}

/**
 * Turns a form value (a string from the browser, or an already typed value from AdminJS or a test)
 * into what the column stores. Empty input means null; whether null is allowed is decided by the caller.
 */
export function parseColumnValue(spec: Pick<ColumnSpec, 'kind' | 'column'>, raw: unknown): Parsed {
  if (raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '')) return ok(null);
  switch (spec.kind) {
    case ColumnKind.uuid:
      return isUuid(raw) ? ok(raw.toLowerCase()) : fail('must be an id like 0b6f4c1e-1c2d-4e5f-8a9b-0c1d2e3f4a5b');
    case ColumnKind.enum: {
      const allowed = spec.column.enumValues ?? [];
      return typeof raw === 'string' && allowed.includes(raw) ? ok(raw) : fail(`must be one of: ${allowed.join(', ')}`);
    }
    case ColumnKind.number: {
      const number = typeof raw === 'number' ? raw : typeof raw === 'string' ? Number(raw.trim()) : Number.NaN;
      if (!Number.isFinite(number)) return fail('must be a number');
      const wholeOnly = /int|serial/.test(spec.column.getSQLType());
      if (wholeOnly && !Number.isInteger(number)) return fail('must be a whole number');
      return ok(spec.column.dataType === 'bigint' ? BigInt(number) : number);
    }
    case ColumnKind.boolean:
      if (raw === true || raw === 'true') return ok(true);
      if (raw === false || raw === 'false') return ok(false);
      return fail('must be true or false');
    case ColumnKind.datetime: {
      const date = raw instanceof Date ? raw : typeof raw === 'string' ? new Date(raw) : new Date(Number.NaN);
      return Number.isNaN(date.getTime()) ? fail('must be a date and time') : ok(date);
    }
    case ColumnKind.json:
      if (typeof raw !== 'string') return ok(raw);
      try {
        return ok(JSON.parse(raw));
      } catch {
        return fail('must be valid JSON');
      }
    case ColumnKind.array:
      return Array.isArray(raw) ? ok(raw.map((item) => String(item))) : fail('must be a list');
    default:
      return typeof raw === 'object' ? fail('must be text') : ok(String(raw));
  }
}

const ok = (value: unknown): Parsed => ({ ok: true, value });
const fail = (message: string): Parsed => ({ ok: false, message });
