import { BaseRecord, BaseResource, ForbiddenError, NotFoundError, type Filter, type ParamsType } from 'adminjs';
import { eq, inArray, sql } from 'drizzle-orm';
import type { PgTable, SelectedFieldsFlat } from 'drizzle-orm/pg-core';
import type { HubDatabase } from '#api/db/database.ts';
import { rethrowAsValidationError } from './database-errors.ts';
import { describeTable, type DrizzleResourceOptions, type TableSpec } from './describe-table.ts';
import { DrizzleProperty } from './drizzle-property.ts';
import { parseColumnValue } from './parse-column-value.ts';
import { orderClause, pageBounds, whereClause, type ColumnLookup, type SortRequest } from './query-clauses.ts';
import { toColumnValues } from './to-column-values.ts';
import { toRecordParams } from './to-record-params.ts';

export { MAX_PAGE_SIZE } from './query-clauses.ts';

type Selection = SelectedFieldsFlat;

/** One drizzle table as an AdminJS resource, on PGlite and node-postgres alike. */
export class DrizzleResource extends BaseResource {
  readonly spec: TableSpec;
  private readonly db: HubDatabase;
  private readonly props: DrizzleProperty[];
  private readonly listSelection: Selection;
  private readonly detailSelection: Selection;
  /** Real columns only: computed values are neither filtered nor sorted. */
  private readonly columnAt: ColumnLookup = (path) => this.property(path)?.spec ?? null;
  private readonly sortableAt: ColumnLookup = (path) => {
    const property = this.property(path);
    return property?.isSortable() ? (property.spec ?? null) : null;
  };

  constructor(db: HubDatabase, table: PgTable, options: DrizzleResourceOptions = {}) {
    super(table);
    this.db = db;
    this.spec = describeTable(table, options);
    this.props = [
      ...this.spec.columns.map((column, index) => new DrizzleProperty(column, index)),
      ...this.spec.computed.map((computed, index) => new DrizzleProperty(computed, this.spec.columns.length + index)),
    ];
    this.listSelection = Object.fromEntries(this.spec.columns.map((column) => [column.path, column.column]));
    this.detailSelection = { ...this.listSelection, ...Object.fromEntries(this.spec.computed.map(([path, computed]) => [path, computed.sql])) };
  }

  static override isAdapterFor(raw: unknown): boolean {
    return raw instanceof DrizzleResource;
  }

  override databaseName(): string {
    return 'hub';
  }

  override databaseType(): string {
    return 'Postgres';
  }

  override id(): string {
    return this.spec.name;
  }

  override properties(): DrizzleProperty[] {
    return this.props;
  }

  override property(path: string): DrizzleProperty | null {
    return this.props.find((property) => property.path() === path) ?? null;
  }

  /** Whether any column may be edited (AdminJS's edit action is offered only then). */
  get isEditable(): boolean {
    return this.spec.columns.some((column) => column.writable);
  }

  override async count(filter: Filter): Promise<number> {
    const [row] = await this.db.select({ total: sql<number>`count(*)::int` }).from(this.spec.table).where(whereClause(filter, this.columnAt));
    // node-postgres returns bigint counts as strings; the cast and Number() make it a number everywhere.
    return Number(row?.total ?? 0);
  }

  override async find(filter: Filter, options: { limit?: number; offset?: number; sort?: SortRequest } = {}): Promise<BaseRecord[]> {
    const { limit, offset } = pageBounds(options);
    const rows = await this.db
      .select(this.listSelection)
      .from(this.spec.table)
      .where(whereClause(filter, this.columnAt))
      .orderBy(...orderClause(options.sort, this.sortableAt, this.spec.id))
      .limit(limit)
      .offset(offset);
    return rows.map((row) => this.toRecord(row));
  }

  override async findOne(id: string): Promise<BaseRecord | null> {
    const key = this.parseId(id);
    if (key === undefined) return null;
    const [row] = await this.db.select(this.detailSelection).from(this.spec.table).where(eq(this.spec.id.column, key));
    return row ? this.toRecord(row) : null;
  }

  override async findMany(ids: Array<string | number>): Promise<BaseRecord[]> {
    const keys = ids.map((id) => this.parseId(id)).filter((key) => key !== undefined);
    if (keys.length === 0) return [];
    const rows = await this.db.select(this.listSelection).from(this.spec.table).where(inArray(this.spec.id.column, keys));
    return rows.map((row) => this.toRecord(row));
  }

  override async create(params: Record<string, unknown>): Promise<ParamsType> {
    if (!this.spec.creatable) throw new ForbiddenError(`New ${this.spec.name} rows cannot be added in the admin panel.`);
    const values = toColumnValues(this.spec, params, 'create');
    try {
      const [row] = await this.db.insert(this.spec.table).values(values).returning(this.listSelection);
      return toRecordParams(this.spec.columns, row ?? {});
    } catch (error) {
      rethrowAsValidationError(error);
    }
  }

  override async update(id: string, params: Record<string, unknown>): Promise<ParamsType> {
    if (!this.isEditable) throw new ForbiddenError(`${this.spec.name} is read-only in the admin panel.`);
    const key = this.parseId(id);
    const values = toColumnValues(this.spec, params, 'update');
    if (key === undefined) throw new NotFoundError(`No ${this.spec.name} row with id ${id}.`, 'DrizzleResource#update');
    try {
      const query = this.db.update(this.spec.table).set(values).where(eq(this.spec.id.column, key));
      const [row] = Object.keys(values).length > 0 ? await query.returning(this.listSelection) : await this.selectById(key);
      return toRecordParams(this.spec.columns, row ?? {});
    } catch (error) {
      rethrowAsValidationError(error);
    }
  }

  override async delete(id: string): Promise<void> {
    if (!this.spec.deletable) throw new ForbiddenError(`Rows of ${this.spec.name} cannot be deleted in the admin panel.`);
    const key = this.parseId(id);
    if (key === undefined) return;
    try {
      await this.db.delete(this.spec.table).where(eq(this.spec.id.column, key));
    } catch (error) {
      rethrowAsValidationError(error);
    }
  }

  private selectById(key: unknown) {
    return this.db.select(this.listSelection).from(this.spec.table).where(eq(this.spec.id.column, key));
  }

  private toRecord(row: Record<string, unknown>): BaseRecord {
    return new BaseRecord(toRecordParams(this.spec.columns, row), this);
  }

  /** The id as the key column stores it, or undefined when it cannot be one (no query is run). */
  private parseId(id: unknown): unknown {
    const parsed = parseColumnValue(this.spec.id, id);
    return parsed.ok && parsed.value !== null ? parsed.value : undefined;
  }
}
