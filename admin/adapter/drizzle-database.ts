import { BaseDatabase } from 'adminjs';
import { is } from 'drizzle-orm';
import { PgTable } from 'drizzle-orm/pg-core';
import type { HubDatabase } from '#api/db/database.ts';
import { DrizzleResource } from './drizzle-resource.ts';

/** A drizzle database with the tables to expose: what `new AdminJS({ databases: [...] })` accepts. */
export interface DrizzleSchemaSource {
  db: HubDatabase;
  schema: Record<string, unknown>;
}

/**
 * Every table of a drizzle schema as a read-only resource. The panel itself lists its resources one by
 * one with options; this exists for quick inspection and to satisfy the AdminJS adapter contract.
 */
export class DrizzleDatabase extends BaseDatabase {
  private readonly source: DrizzleSchemaSource;

  constructor(source: DrizzleSchemaSource) {
    super(source);
    this.source = source;
  }

  static override isAdapterFor(raw: unknown): boolean {
    const candidate = raw as Partial<DrizzleSchemaSource> | null;
    return Boolean(candidate?.db && candidate.schema && Object.values(candidate.schema).some((value) => is(value, PgTable)));
  }

  override resources(): DrizzleResource[] {
    return Object.values(this.source.schema)
      .filter((value): value is PgTable => is(value, PgTable))
      .map((table) => new DrizzleResource(this.source.db, table));
  }
}
