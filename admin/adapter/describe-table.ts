import { getTableColumns, getTableName, type SQL } from 'drizzle-orm';
import { getTableConfig, type PgColumn, type PgTable } from 'drizzle-orm/pg-core';
import { ColumnKind, columnKind } from './column-kind.ts';

/** A read-only value computed in SQL for the detail view, e.g. an excerpt instead of a whole text. */
export interface ComputedColumn {
  sql: SQL;
  type: 'string' | 'textarea' | 'number';
}

export interface DrizzleResourceOptions {
  /** Columns never read nor shown (vector and tsvector columns are always left out). */
  omit?: readonly string[];
  /** Detail-only values computed in SQL; `findOne` selects them, lists never do. */
  computed?: Readonly<Record<string, ComputedColumn>>;
  /** Columns that forms may set; anything else in a payload is ignored. None: the rows cannot be edited. */
  writable?: readonly string[];
  /** Whether new rows may be inserted as they are (false when a use case must create them). */
  creatable?: boolean;
  deletable?: boolean;
}

export interface ColumnSpec {
  /** The drizzle (TypeScript) key, which is also the AdminJS property path. */
  path: string;
  column: PgColumn;
  kind: ColumnKind;
  isId: boolean;
  writable: boolean;
  /** Must be given on create: NOT NULL without a default. */
  required: boolean;
  /** Resource id (table name) this column points to through a single-column foreign key. */
  reference: string | null;
}

export interface TableSpec {
  name: string;
  table: PgTable;
  columns: ColumnSpec[];
  id: ColumnSpec;
  computed: Array<[string, ComputedColumn]>;
  creatable: boolean;
  deletable: boolean;
}

/** Reads a drizzle table once into what the adapter needs; wrong option names fail at start-up. */
export function describeTable(table: PgTable, options: DrizzleResourceOptions = {}): TableSpec {
  const name = getTableName(table);
  const all = getTableColumns(table);
  const known = new Set(Object.keys(all));
  for (const key of [...(options.omit ?? []), ...(options.writable ?? [])]) {
    if (!known.has(key)) throw new Error(`admin resource ${name}: no column "${key}"`);
  }
  const references = foreignKeyTargets(table);
  const omitted = new Set(options.omit ?? []);
  const writable = new Set(options.writable ?? []);
  const columns: ColumnSpec[] = [];
  for (const [path, column] of Object.entries(all)) {
    const kind = columnKind(column);
    if (kind === ColumnKind.hidden || omitted.has(path)) {
      if (writable.has(path)) throw new Error(`admin resource ${name}: "${path}" is hidden and cannot be writable`);
      continue;
    }
    if (column.primary && writable.has(path)) throw new Error(`admin resource ${name}: the primary key "${path}" cannot be writable`);
    columns.push({
      path,
      column,
      kind,
      isId: column.primary,
      writable: writable.has(path),
      required: column.notNull && !column.hasDefault,
      reference: references.get(column.name) ?? null,
    });
  }
  const ids = columns.filter((spec) => spec.isId);
  if (ids.length !== 1) throw new Error(`admin resource ${name}: needs exactly one visible primary key column`);
  return {
    name,
    table,
    columns,
    id: ids[0]!,
    computed: Object.entries(options.computed ?? {}),
    creatable: options.creatable ?? false,
    deletable: options.deletable ?? false,
  };
}

function foreignKeyTargets(table: PgTable): Map<string, string> {
  const targets = new Map<string, string>();
  for (const foreignKey of getTableConfig(table).foreignKeys) {
    const reference = foreignKey.reference();
    const [column] = reference.columns;
    if (reference.columns.length === 1 && column) targets.set(column.name, getTableName(reference.foreignTable));
  }
  return targets;
}
