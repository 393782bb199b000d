import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { rename, rm, stat } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { and, eq, type SQL } from 'drizzle-orm';
import { pack, type Pack } from 'tar-stream';
import type { HubCore } from '../core/hub-core.ts';
import { communities, communityUpdates, documents, faqEntries } from '../db/schema/index.ts';
import { findCommunity } from '../communities/ensure-community.ts';
import { notFound } from '../errors/app-error.ts';
import { ARCHIVE_FORMAT, ARCHIVE_VERSION, DataEntry, FILES_PREFIX, MANIFEST_ENTRY, type ArchiveManifest, type ArchivedDocument } from './archive-manifest.ts';

export interface ExportResult {
  path: string;
  manifest: ArchiveManifest;
}

/**
 * Writes a community's knowledge (or, without `community`, every community's and the global one):
 * file documents with their raw files, extracted text and sections, FAQ entries and updates. Chunks
 * and embeddings are left out: the importing hub indexes with its own embedding model.
 */
export async function exportKnowledge(core: HubCore, input: { outputPath: string; community?: string }): Promise<ExportResult> {
  const scope = input.community ? await findCommunity(core.db, input.community) : null;
  if (input.community && !scope) throw notFound(`No community "${input.community}" on this hub.`);
  const allCommunities = await core.db.select().from(communities);
  const slugById = new Map(allCommunities.map((row) => [row.id, row.slug]));
  const inScope = (column: typeof documents.communityId | typeof faqEntries.communityId | typeof communityUpdates.communityId): SQL | undefined =>
    scope ? eq(column, scope.id) : undefined;
  const slugOf = (id: string | null) => (id ? (slugById.get(id) ?? null) : null);

  const documentRows = await core.db.select().from(documents).where(and(eq(documents.kind, 'file'), inScope(documents.communityId)));
  const faqRows = await core.db.select().from(faqEntries).where(inScope(faqEntries.communityId));
  const updateRows = await core.db.select().from(communityUpdates).where(inScope(communityUpdates.communityId));
  const communityRows = allCommunities.filter((row) => !scope || row.id === scope.id);

  const archive = pack();
  const temporary = `${input.outputPath}.partial`;
  const written = pipeline(archive, createGzip(), createWriteStream(temporary));
  const entries: ArchiveManifest['entries'] = {};
  try {
    // Raw files first: an import stores them before the rows that point at them.
    const hashes = [...new Set(documentRows.map((row) => row.sha256))];
    for (const sha256 of hashes) await addFile(archive, entries, `${FILES_PREFIX}${sha256}`, core.files.pathOf(documentRows.find((row) => row.sha256 === sha256)!.rawFileKey));
    await addText(archive, entries, DataEntry.communities, jsonLines(communityRows.map((row) => ({ slug: row.slug, name: row.name }))));
    await addText(archive, entries, DataEntry.documents, jsonLines(documentRows.map((row) => archivedDocument(row, slugOf(row.communityId)))));
    await addText(archive, entries, DataEntry.faq, jsonLines(faqRows.map((row) => ({ community: slugOf(row.communityId), question: row.question, answer: row.answer, createdBy: row.createdBy }))));
    await addText(archive, entries, DataEntry.updates, jsonLines(updateRows.map((row) => ({ community: slugOf(row.communityId), title: row.title, body: row.body, publishedBy: row.publishedBy, publishedAt: row.publishedAt?.toISOString() ?? null, expiresAt: row.expiresAt?.toISOString() ?? null }))));
    const manifest: ArchiveManifest = {
      format: ARCHIVE_FORMAT,
      version: ARCHIVE_VERSION,
      createdAt: new Date().toISOString(),
      community: scope?.slug ?? null,
      counts: { communities: communityRows.length, documents: documentRows.length, files: hashes.length, faq: faqRows.length, updates: updateRows.length },
      entries,
    };
    await addText(archive, {}, MANIFEST_ENTRY, `${JSON.stringify(manifest, null, 2)}\n`);
    archive.finalize();
    await written;
    await rename(temporary, input.outputPath);
    return { path: input.outputPath, manifest };
  } catch (error) {
    archive.destroy();
    await written.catch(() => {});
    await rm(temporary, { force: true });
    throw error;
  }
}

const jsonLines = (rows: unknown[]) => rows.map((row) => `${JSON.stringify(row)}\n`).join('');

function archivedDocument(row: typeof documents.$inferSelect, community: string | null): ArchivedDocument {
  return {
    id: row.id, community, filename: row.filename, title: row.title, category: row.category, tags: row.tags,
    fileType: row.fileType, mimeType: row.mimeType, sizeBytes: row.sizeBytes, sha256: row.sha256, status: row.status,
    errorCode: row.errorCode, errorReason: row.errorReason, uploadedVia: row.uploadedVia, needsFullProcessing: row.needsFullProcessing,
    processingMode: row.processingMode, processedAt: row.processedAt?.toISOString() ?? null, content: row.content, sections: row.sections,
    metadata: row.metadata, pageCount: row.pageCount, language: row.language, approvedAt: row.approvedAt?.toISOString() ?? null,
    approvedBy: row.approvedBy, createdAt: row.createdAt.toISOString(),
  };
}

function addText(archive: Pack, entries: ArchiveManifest['entries'], name: string, text: string): Promise<void> {
  const bytes = Buffer.from(text, 'utf8');
  entries[name] = { sha256: createHash('sha256').update(bytes).digest('hex'), bytes: bytes.byteLength };
  return new Promise((resolve, reject) => archive.entry({ name, size: bytes.byteLength, mode: 0o644 }, bytes, (error) => (error ? reject(error) : resolve())));
}

/** Raw files are streamed into the archive, never held whole; their name already is their hash. */
async function addFile(archive: Pack, entries: ArchiveManifest['entries'], name: string, file: string): Promise<void> {
  const { size } = await stat(file);
  const hash = createHash('sha256');
  const entry = archive.entry({ name, size, mode: 0o644 });
  await pipeline(
    createReadStream(file),
    async function* (chunks: AsyncIterable<Buffer>) {
      for await (const chunk of chunks) {
        hash.update(chunk);
        yield chunk;
      }
    },
    entry,
  );
  entries[name] = { sha256: hash.digest('hex'), bytes: size };
}
