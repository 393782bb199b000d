import type { Column } from 'drizzle-orm';

/** How the admin treats a column: it decides the AdminJS type, the filter, sorting and parsing. */
export const ColumnKind = {
  uuid: 'uuid',
  text: 'text',
  enum: 'enum',
  number: 'number',
  boolean: 'boolean',
  datetime: 'datetime',
  json: 'json',
  array: 'array',
  /** Never read, shown, filtered or written. */
  hidden: 'hidden',
} as const;
export type ColumnKind = (typeof ColumnKind)[keyof typeof ColumnKind];

/** Embeddings and search vectors are machine data: kilobytes per row and meaningless to a moderator. */
const MACHINE_SQL_TYPE = /^(vector|halfvec|sparsevec|bit|tsvector|tsquery)\b/;

/** Classifies a drizzle column by what it holds (not by its TypeScript name). */
export function columnKind(column: Column): ColumnKind {
  if (MACHINE_SQL_TYPE.test(column.getSQLType())) return ColumnKind.hidden;
  if (column.columnType === 'PgUUID') return ColumnKind.uuid;
  if (column.enumValues && column.enumValues.length > 0) return ColumnKind.enum;
  switch (column.dataType) {
    case 'number':
    case 'bigint':
      return ColumnKind.number;
    case 'boolean':
      return ColumnKind.boolean;
    case 'date':
      return ColumnKind.datetime;
    case 'json':
      return ColumnKind.json;
    case 'array':
      return ColumnKind.array;
    case 'buffer':
      return ColumnKind.hidden;
    default:
      // Plain text, and custom types we do not know: shown as their text form, read-only by choice.
      return ColumnKind.text;
  }
}

/** Kinds whose order means something to people (JSON and arrays have no useful order). */
export function isSortableKind(kind: ColumnKind): boolean {
  return kind !== ColumnKind.json && kind !== ColumnKind.array && kind !== ColumnKind.hidden;
}
