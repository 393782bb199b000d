import { createReadStream, createWriteStream, mkdtempSync, readFileSync, truncateSync, statSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import { eq } from 'drizzle-orm';
import { extract, pack } from 'tar-stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportKnowledge } from '../../api/archive/export-knowledge.ts';
import { importKnowledge } from '../../api/archive/import-knowledge.ts';
import { ensureCommunity } from '../../api/communities/ensure-community.ts';
import type { HubCore } from '../../api/core/hub-core.ts';
import { documents, faqEntries } from '../../api/db/schema/index.ts';
import { uploadDocument } from '../../api/documents/upload-document.ts';
import { mirrorFaqEntry } from '../../api/faq/mirror-faq-entry.ts';
import { answerQuestion } from '../../api/rag/answer-question.ts';
import { publishCommunityUpdate } from '../../api/updates/publish-community-update.ts';
import { startWorkers } from '../../workers/start-workers.ts';
import { createTestCore, waitFor } from '../support/test-core.ts';
import { testEngine } from '../support/test-database.ts';

const GUIDE = 'Flood shelter\n\nWhen the river rises, go to the community hall on Elm Street. Bring water for three days.';

/** Rewrites an archive entry by entry, letting `change` replace an entry's bytes (the manifest stays). */
async function rewriteArchive(source: string, target: string, change: (name: string, bytes: Buffer) => Buffer): Promise<void> {
  const input = extract();
  const output = pack();
  const written = pipeline(output, createGzip(), createWriteStream(target));
  const reading = pipeline(createReadStream(source), createGunzip(), input);
  for await (const entry of input) {
    const chunks: Buffer[] = [];
    for await (const chunk of entry) chunks.push(chunk as Buffer);
    const bytes = change(entry.header.name, Buffer.concat(chunks));
    output.entry({ name: entry.header.name, size: bytes.byteLength }, bytes);
  }
  await reading;
  output.finalize();
  await written;
}

describe(`hub export / hub import on ${testEngine}`, () => {
  let source: HubCore;
  let target: HubCore;
  let archive: string;
  const work = mkdtempSync(path.join(os.tmpdir(), 'hub-archive-'));
  const fileDocuments = async (core: HubCore) => (await core.db.select().from(documents).where(eq(documents.kind, 'file'))).length;

  beforeAll(async () => {
    source = await createTestCore({ LLM_PROVIDER: 'none' });
    target = await createTestCore({ LLM_PROVIDER: 'none' });
    await startWorkers(source);
    const { document } = await uploadDocument(source, { bytes: Buffer.from(GUIDE), filename: 'flood-shelter.txt', community: 'riverside', uploader: { via: 'cli', role: 'trusted' } });
    await uploadDocument(source, { bytes: Buffer.from('Not for export.'), filename: 'other.txt', community: 'hilltop', uploader: { via: 'cli', role: 'trusted' } });
    await waitFor(async () => ((await source.db.select().from(documents).where(eq(documents.id, document.id)))[0]?.status === 'ready' ? true : undefined), 240_000, 'the guide to be processed');
    const riverside = await ensureCommunity(source.db, 'riverside');
    const [entry] = await source.db.insert(faqEntries).values({ communityId: riverside.id, question: 'Where is the shelter?', answer: 'The community hall on Elm Street.', createdBy: 'ana' }).returning();
    await mirrorFaqEntry(source, entry!.id);
    await publishCommunityUpdate(source, { communityId: riverside.id, title: 'Boil water notice', body: 'Boil tap water for one minute until Friday.', publishedBy: 'ana' });
    archive = path.join(work, 'riverside.tar.gz');
  }, 300_000);
  afterAll(async () => {
    await source?.close();
    await target?.close();
  });

  it('exports one community: its documents with raw files, FAQ and updates, each entry hashed in the manifest', async () => {
    const { manifest } = await exportKnowledge(source, { outputPath: archive, community: 'riverside' });
    expect(manifest.counts).toEqual({ communities: 1, documents: 1, files: 1, faq: 1, updates: 1 });
    const names = Object.keys(manifest.entries);
    expect(names).toEqual(expect.arrayContaining(['data/documents.jsonl', 'data/faq.jsonl', 'data/updates.jsonl', 'data/communities.jsonl']));
    expect(names.filter((name) => name.startsWith('files/'))).toHaveLength(1);
    expect(existsSync(`${archive}.partial`)).toBe(false);
  });

  it('refuses an altered or truncated archive and imports nothing from it', async () => {
    const altered = path.join(work, 'altered.tar.gz');
    await rewriteArchive(archive, altered, (name, bytes) => (name === 'data/documents.jsonl' ? Buffer.from(bytes.toString().replace('Elm Street', 'Oak Street')) : bytes));
    await expect(importKnowledge(target, { archivePath: altered })).rejects.toMatchObject({ code: 'invalid_input', message: expect.stringMatching(/data\/documents\.jsonl does not match its SHA-256.*Nothing was imported/) });

    const truncated = path.join(work, 'truncated.tar.gz');
    await pipeline(createReadStream(archive), createWriteStream(truncated));
    truncateSync(truncated, Math.floor(statSync(truncated).size / 2));
    await expect(importKnowledge(target, { archivePath: truncated })).rejects.toMatchObject({ code: 'invalid_input', message: expect.stringMatching(/not a readable \.tar\.gz archive/) });
    expect(await fileDocuments(target)).toBe(0);
    expect((await target.db.select().from(faqEntries)).length).toBe(0);
  });

  it('imports into another hub: the raw file by its hash, the text indexed there, FAQ and update searchable', async () => {
    const result = await importKnowledge(target, { archivePath: archive });
    expect(result).toMatchObject({ files: 1, documents: { added: 1, alreadyHere: 0 }, faq: { added: 1 }, updates: { added: 1 } });
    const [imported] = await target.db.select().from(documents).where(eq(documents.kind, 'file'));
    expect(imported).toMatchObject({ status: 'ready', filename: 'flood-shelter.txt' });
    expect(readFileSync(target.files.pathOf(imported!.rawFileKey), 'utf8')).toBe(GUIDE);
    const riverside = await ensureCommunity(target.db, 'riverside');
    const answer = await answerQuestion(target.rag, { question: 'where is the flood shelter', communityId: riverside.id, channel: 'cli' });
    expect(answer.citations.map((citation) => citation.filename)).toContain('flood-shelter.txt');
    const update = await answerQuestion(target.rag, { question: 'boil water notice', communityId: riverside.id, channel: 'cli' });
    expect(update.citations[0]?.title).toBe('Boil water notice');
  }, 60_000);

  it('adds nothing when the same archive is imported again', async () => {
    const before = await fileDocuments(target);
    const again = await importKnowledge(target, { archivePath: archive });
    expect(again).toMatchObject({ documents: { added: 0, alreadyHere: 1 }, faq: { added: 0, alreadyHere: 1 }, updates: { added: 0, alreadyHere: 1 } });
    expect(await fileDocuments(target)).toBe(before);
  });
});
