import { Filter, ForbiddenError, ValidationError } from 'adminjs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '#api/db/database.ts';
import { chunks, communities, documents, members, syncLog } from '#api/db/schema/index.ts';
import { createTestDatabase, testEngine } from '#test/support/test-database.ts';
import { seedAdminRows, type SeededRows } from '../test-support/seed-admin-rows.ts';
import { DrizzleDatabase } from './drizzle-database.ts';
import { DrizzleResource, MAX_PAGE_SIZE } from './drizzle-resource.ts';

describe(`drizzle AdminJS adapter on ${testEngine}`, () => {
  let database: DatabaseHandle;
  let seeded: SeededRows;
  let docs: DrizzleResource;
  beforeAll(async () => {
    database = await createTestDatabase();
    seeded = await seedAdminRows(database.db);
    docs = new DrizzleResource(database.db, documents, {
      omit: ['content'],
      computed: { contentChars: { sql: sql`coalesce(length(${documents.content}), 0)::int`, type: 'number' } },
    });
  });
  afterAll(async () => {
    await database?.close();
  });

  const filenames = async (filters: Record<string, unknown>, sort = { sortBy: 'filename', direction: 'asc' as const }) =>
    (await docs.find(new Filter(filters, docs), { limit: 50, offset: 0, sort })).map((record) => record.params.filename);

  it('counts with numbers, not strings, on both drivers', async () => {
    const all = await docs.count(new Filter({}, docs));
    expect(all).toBe(7);
    expect(typeof all).toBe('number');
    expect(await docs.count(new Filter({ status: 'ready' }, docs))).toBe(2);
  });

  it('searches text case-insensitively as a substring', async () => {
    expect(await filenames({ filename: 'water' })).toEqual(['WATER storage.pdf', 'Water-Plan.txt']);
  });

  it('takes % _ and backslash in a search literally', async () => {
    expect(await filenames({ filename: '100%' })).toEqual(['100% shelter list.txt']);
    expect(await filenames({ filename: 'first_' })).toEqual(['first_aid.txt']);
    expect(await filenames({ filename: 'k\\s' })).toEqual(['back\\slash.txt']);
  });

  it('filters uuids by equality and returns nothing (no error) for a malformed one', async () => {
    expect(await filenames({ communityId: seeded.hillside })).toEqual(['100 shelters.txt', '100% shelter list.txt']);
    expect(await filenames({ communityId: seeded.hillside.toUpperCase() })).toHaveLength(2);
    expect(await filenames({ communityId: 'not-a-uuid' })).toEqual([]);
    expect(await filenames({ communityId: `${seeded.hillside.slice(0, -1)}%` })).toEqual([]);
  });

  it('filters enums, booleans and numbers exactly; unknown values match nothing', async () => {
    expect(await filenames({ status: 'queued' })).toEqual(['WATER storage.pdf']);
    expect(await filenames({ status: 'queue' })).toEqual([]);
    expect(await filenames({ kind: 'faq' })).toEqual(['first_aid.txt']);
    expect(await filenames({ needsFullProcessing: 'true' })).toEqual(['WATER storage.pdf']);
    expect(await filenames({ needsFullProcessing: 'false' })).toHaveLength(6);
    expect(await filenames({ needsFullProcessing: 'yes' })).toEqual([]);
    expect(await filenames({ pageCount: '3' })).toEqual(['back\\slash.txt']);
    expect(await filenames({ pageCount: 'three' })).toEqual([]);
  });

  it('filters date ranges inclusively, a date-only end meaning the whole day', async () => {
    const range = { 'createdAt~~from': '2026-01-02T00:00:00.000Z', 'createdAt~~to': '2026-01-03' };
    expect(await filenames(range)).toEqual(['100% shelter list.txt', 'WATER storage.pdf']);
    expect(await filenames({ 'createdAt~~from': '2026-01-06T12:00:00.000Z' })).toEqual(['back\\slash.txt', 'firstXaid.txt']);
    expect(await filenames({ 'createdAt~~to': 'yesterday' })).toEqual([]);
  });

  it('searches array and JSON columns by their text and ignores unknown or computed filters', async () => {
    expect(await filenames({ tags: 'STOR' })).toEqual(['Water-Plan.txt']);
    expect(await filenames({ metadata: '"pages"' })).toEqual(['Water-Plan.txt']);
    expect(await filenames({ nope: 'x', contentChars: '5', content: 'Shelters' })).toHaveLength(7);
  });

  it('sorts both ways, falls back to the id for unknown columns and pages without overlap', async () => {
    const asc = await filenames({});
    expect(await filenames({}, { sortBy: 'filename', direction: 'desc' as never })).toEqual([...asc].reverse());
    const byCreated = await docs.find(new Filter({}, docs), { sort: { sortBy: 'createdAt', direction: 'desc' }, limit: 3, offset: 0 });
    expect(byCreated.map((record) => record.params.filename)).toEqual(['back\\slash.txt', 'firstXaid.txt', 'first_aid.txt']);
    const fallback = await docs.find(new Filter({}, docs), { sort: { sortBy: 'DROP TABLE', direction: 'asc' }, limit: 50, offset: 0 });
    expect(fallback.map((record) => record.id())).toEqual(fallback.map((record) => record.id()).toSorted());
    const pages = [];
    for (let offset = 0; offset < 7; offset += 3) pages.push(...(await docs.find(new Filter({}, docs), { limit: 3, offset, sort: { sortBy: 'status' } })));
    expect(new Set(pages.map((record) => record.id())).size).toBe(7);
  });

  it('clamps forged page sizes and offsets', async () => {
    const many = await docs.find(new Filter({}, docs), { limit: 10_000, offset: -5 });
    expect(many).toHaveLength(7);
    expect(MAX_PAGE_SIZE).toBe(500);
    expect(await docs.find(new Filter({}, docs), { limit: Number.NaN, offset: Number.NaN })).toHaveLength(7);
  });

  it('reads one row with its computed values, JSON as text and arrays as items; bad ids give null', async () => {
    const id = seeded.documentIds['Water-Plan.txt']!;
    const record = await docs.findOne(id);
    expect(record?.params).toMatchObject({ filename: 'Water-Plan.txt', contentChars: 0, 'tags.0': 'water', 'tags.1': 'storage' });
    expect(record?.params.metadata).toBe('{\n  "pages": 2\n}');
    expect(record?.params.createdAt).toBe('2026-01-01T12:00:00.000Z');
    expect(record?.params).not.toHaveProperty('content');
    expect((await docs.findOne(seeded.documentIds['100% shelter list.txt']!))?.params.contentChars).toBe(23);
    expect(await docs.findOne('nope')).toBeNull();
    expect(await docs.findOne('00000000-0000-4000-8000-000000000000')).toBeNull();
    const listed = await docs.find(new Filter({ filename: 'Water-Plan' }, docs), {});
    expect(listed[0]?.params).not.toHaveProperty('contentChars');
    expect((await docs.findMany([id, 'junk'])).map((record) => record.params.filename)).toEqual(['Water-Plan.txt']);
  });

  it('describes columns for AdminJS and never exposes vector or tsvector columns', () => {
    const chunkResource = new DrizzleResource(database.db, chunks);
    expect(chunkResource.properties().map((property) => property.path())).not.toEqual(expect.arrayContaining(['embedding']));
    expect(chunkResource.property('tsv')).toBeNull();
    expect(docs.property('status')?.availableValues()).toContain('pending_review');
    expect(docs.property('communityId')?.type()).toBe('reference');
    expect(docs.property('communityId')?.reference()).toBe('communities');
    expect(docs.property('tags')?.isArray()).toBe(true);
    expect(docs.property('id')?.isId()).toBe(true);
    expect(docs.property('metadata')?.isSortable()).toBe(false);
    expect(() => new DrizzleResource(database.db, documents, { writable: ['nope'] })).toThrow(/no column "nope"/);
  });

  it('reads tables with numeric ids', async () => {
    const log = new DrizzleResource(database.db, syncLog);
    const [first] = await log.find(new Filter({ status: 'conflict' }, log), {});
    expect(typeof first?.params.id).toBe('number');
    expect((await log.findOne(String(first?.params.id)))?.params.detail).toContain('both changed');
    expect(await log.findOne('1.5')).toBeNull();
  });

  it('writes only writable columns, validates input and turns constraint errors into form errors', async () => {
    const places = new DrizzleResource(database.db, communities, { writable: ['slug', 'name'], creatable: true, deletable: true });
    await expect(places.create({ name: 'No slug' })).rejects.toBeInstanceOf(ValidationError);
    const created = await places.create({ slug: 'lakeside', name: 'Lakeside', id: '00000000-0000-4000-8000-000000000001' });
    expect(created.id).not.toBe('00000000-0000-4000-8000-000000000001');
    const duplicate = await places.create({ slug: 'lakeside', name: 'Again' }).catch((error: unknown) => error);
    expect(duplicate).toBeInstanceOf(ValidationError);
    expect((duplicate as ValidationError).baseError?.message).toMatch(/unique/);
    const updated = await places.update(String(created.id), { name: 'Lakeside North', createdAt: '2000-01-01' });
    expect(updated).toMatchObject({ name: 'Lakeside North', createdAt: created.createdAt });
    await expect(places.update(String(created.id), { name: '' })).rejects.toBeInstanceOf(ValidationError);
    await places.delete(String(created.id));
    expect(await places.findOne(String(created.id))).toBeNull();
  });

  it('refuses writes to read-only resources and bad enum values', async () => {
    await expect(docs.update(seeded.documentIds['Water-Plan.txt']!, { status: 'ready' })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(docs.delete(seeded.documentIds['Water-Plan.txt']!)).rejects.toBeInstanceOf(ForbiddenError);
    const people = new DrizzleResource(database.db, members, { writable: ['role'] });
    await expect(people.update(seeded.memberId, { role: 'king' })).rejects.toBeInstanceOf(ValidationError);
    await expect(people.create({ role: 'member' })).rejects.toBeInstanceOf(ForbiddenError);
    expect(await people.update(seeded.memberId, { role: 'moderator', platformUserId: 'forged' })).toMatchObject({ role: 'moderator', platformUserId: '42' });
  });

  it('lists every table of a schema as a database adapter', () => {
    const source = { db: database.db, schema: { documents, chunks, communities } };
    expect(DrizzleDatabase.isAdapterFor(source)).toBe(true);
    expect(DrizzleDatabase.isAdapterFor({ db: database.db, schema: {} })).toBe(false);
    expect(new DrizzleDatabase(source).resources().map((resource) => resource.id())).toEqual(['documents', 'chunks', 'communities']);
  });
});
