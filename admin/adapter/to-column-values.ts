import { flat, ValidationError, type PropertyErrors } from 'adminjs';
import type { TableSpec } from './describe-table.ts';
import { parseColumnValue } from './parse-column-value.ts';

/**
 * The columns a create or update may write, parsed from an AdminJS payload (flattened form fields).
 * Fields that are not writable are ignored, so a forged form cannot change them; bad values become a
 * ValidationError that AdminJS shows next to the field instead of a database error.
 */
export function toColumnValues(spec: TableSpec, payload: Record<string, unknown>, mode: 'create' | 'update'): Record<string, unknown> {
  const fields = flat.unflatten(payload ?? {}) as Record<string, unknown>;
  const values: Record<string, unknown> = {};
  const errors: PropertyErrors = {};
  for (const column of spec.columns) {
    if (!column.writable) continue;
    const given = Object.hasOwn(fields, column.path);
    if (!given) {
      if (mode === 'create' && column.required) errors[column.path] = { message: 'is required' };
      continue;
    }
    const parsed = parseColumnValue(column, fields[column.path]);
    if (!parsed.ok) {
      errors[column.path] = { message: parsed.message };
    } else if (parsed.value === null && column.column.notNull) {
      // An emptied field on a NOT NULL column with a default keeps the default on create.
      if (mode === 'update' || column.required) errors[column.path] = { message: 'is required' };
    } else {
      values[column.path] = parsed.value;
    }
  }
  if (Object.keys(errors).length > 0) throw new ValidationError(errors);
  return values;
}
