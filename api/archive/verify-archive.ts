import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { AppError, ErrorCode, isAppError } from '../errors/app-error.ts';
import { ARCHIVE_FORMAT, ARCHIVE_VERSION, DataEntry, FILES_PREFIX, MANIFEST_ENTRY, type ArchiveManifest } from './archive-manifest.ts';
import { readArchiveEntries } from './read-archive-entries.ts';

const SHA256_HEX = /^[0-9a-f]{64}$/;
/** The manifest is small; anything bigger is not one of ours. */
const MAX_MANIFEST_BYTES = 16 * 1024 * 1024;

const broken = (why: string, cause?: unknown) =>
  new AppError(ErrorCode.invalidInput, `The archive cannot be imported: ${why}. Nothing was imported.`, { cause });

/**
 * First pass of an import, before anything is written: reads every entry, hashes it, and checks it
 * against the manifest (present, same SHA-256 and size, nothing extra or missing, raw files named by
 * their own hash, a format this hub knows). Returns the manifest, or throws saying what is wrong.
 */
export async function verifyArchive(archivePath: string): Promise<ArchiveManifest> {
  const seen = new Map<string, { sha256: string; bytes: number }>();
  let manifestText: string | undefined;
  try {
    await readArchiveEntries(archivePath, async (name, content) => {
      if (seen.has(name) || (name === MANIFEST_ENTRY && manifestText !== undefined)) throw broken(`the entry ${name} appears twice`);
      if (name === MANIFEST_ENTRY) manifestText = await readSmall(content);
      else seen.set(name, await hashStream(content));
    });
  } catch (error) {
    if (isAppError(error)) throw error;
    throw broken(`it is not a readable .tar.gz archive (${(error as Error).message})`, error);
  }
  if (manifestText === undefined) throw broken(`it has no ${MANIFEST_ENTRY} (not a hub export)`);
  const manifest = parseManifest(manifestText);
  for (const [name, expected] of Object.entries(manifest.entries)) {
    const actual = seen.get(name);
    if (!actual) throw broken(`${name} is listed in the manifest but missing`);
    if (actual.sha256 !== expected.sha256 || actual.bytes !== expected.bytes) throw broken(`${name} does not match its SHA-256 in the manifest (damaged or altered)`);
    if (name.startsWith(FILES_PREFIX) && name.slice(FILES_PREFIX.length) !== actual.sha256) throw broken(`${name} is not named by its own SHA-256`);
  }
  const unlisted = [...seen.keys()].filter((name) => !(name in manifest.entries));
  if (unlisted.length > 0) throw broken(`it holds entries the manifest does not list (${unlisted.slice(0, 3).join(', ')})`);
  for (const entry of Object.values(DataEntry)) if (!(entry in manifest.entries)) throw broken(`${entry} is missing`);
  return manifest;
}

function parseManifest(text: string): ArchiveManifest {
  let manifest: ArchiveManifest;
  try {
    manifest = JSON.parse(text) as ArchiveManifest;
  } catch (error) {
    throw broken(`${MANIFEST_ENTRY} is not JSON`, error);
  }
  if (manifest?.format !== ARCHIVE_FORMAT) throw broken('it is not a Community Resilience Hub export');
  if (manifest.version !== ARCHIVE_VERSION) throw broken(`it has format version ${manifest.version}; this hub reads version ${ARCHIVE_VERSION} (update the hub)`);
  if (typeof manifest.entries !== 'object' || manifest.entries === null) throw broken('its manifest lists no entries');
  for (const [name, entry] of Object.entries(manifest.entries)) {
    if (!SHA256_HEX.test(entry?.sha256 ?? '') || !Number.isInteger(entry?.bytes)) throw broken(`the manifest entry for ${name} has no valid hash`);
  }
  return manifest;
}

async function hashStream(content: Readable): Promise<{ sha256: string; bytes: number }> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of content) {
    hash.update(chunk as Buffer);
    bytes += (chunk as Buffer).byteLength;
  }
  return { sha256: hash.digest('hex'), bytes };
}

async function readSmall(content: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  let bytes = 0;
  for await (const chunk of content) {
    bytes += (chunk as Buffer).byteLength;
    if (bytes > MAX_MANIFEST_BYTES) throw broken(`${MANIFEST_ENTRY} is larger than ${MAX_MANIFEST_BYTES} bytes`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}
