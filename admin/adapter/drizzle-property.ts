import { BaseProperty, type PropertyType } from 'adminjs';
import { ColumnKind, isSortableKind } from './column-kind.ts';
import type { ColumnSpec, ComputedColumn } from './describe-table.ts';

const TYPE_BY_KIND: Record<ColumnKind, PropertyType> = {
  uuid: 'uuid',
  text: 'string',
  enum: 'string',
  number: 'number',
  boolean: 'boolean',
  datetime: 'datetime',
  json: 'textarea',
  array: 'string',
  hidden: 'string',
};

/** One column (or computed value) as AdminJS sees it: type, id, sortability, editability, choices. */
export class DrizzleProperty extends BaseProperty {
  readonly spec: ColumnSpec | null;

  constructor(spec: ColumnSpec, position: number);
  constructor(computed: [string, ComputedColumn], position: number);
  constructor(source: ColumnSpec | [string, ComputedColumn], position: number) {
    if (Array.isArray(source)) {
      super({ path: source[0], type: source[1].type, isSortable: false, position });
      this.spec = null;
    } else {
      const type = source.reference ? 'reference' : TYPE_BY_KIND[source.kind];
      super({ path: source.path, type, isId: source.isId, isSortable: isSortableKind(source.kind), position });
      this.spec = source;
    }
  }

  override isEditable(): boolean {
    return this.spec?.writable ?? false;
  }

  override isRequired(): boolean {
    return this.spec ? this.spec.writable && this.spec.required : false;
  }

  override availableValues(): string[] | null {
    return this.spec?.kind === ColumnKind.enum ? [...(this.spec.column.enumValues ?? [])] : null;
  }

  override isArray(): boolean {
    return this.spec?.kind === ColumnKind.array;
  }

  override reference(): string | null {
    return this.spec?.reference ?? null;
  }
}
