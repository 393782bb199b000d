import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

/** One file of the built page, held in memory with its precompressed variants (the page is small). */
export interface PageFile {
  body: Buffer;
  gzip: Buffer | null;
  brotli: Buffer | null;
  contentType: string;
  etag: string;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.txt': 'text/plain; charset=utf-8',
};

/** Where `npm install` (the `prepare` script) builds the page; git-ignored. */
export const BUILT_PAGE_DIR = path.resolve(import.meta.dirname, '../../web/dist');

/**
 * Reads the built page into memory as URL path -> file, or null when it was never built. Files the
 * build compressed (`x.js.gz`, `x.js.br`) are attached to `x.js`, not served under their own name.
 */
export async function loadPageFiles(dir: string): Promise<Map<string, PageFile> | null> {
  if (!existsSync(path.join(dir, 'index.html'))) return null;
  const files = new Map<string, PageFile>();
  for (const relative of await listFiles(dir)) {
    if (relative.endsWith('.gz') || relative.endsWith('.br')) continue;
    const full = path.join(dir, relative);
    const body = await readFile(full);
    files.set(`/${relative.split(path.sep).join('/')}`, {
      body,
      gzip: await readFile(`${full}.gz`).catch(() => null),
      brotli: await readFile(`${full}.br`).catch(() => null),
      contentType: CONTENT_TYPES[path.extname(relative)] ?? 'application/octet-stream',
      etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`,
    });
  }
  return files;
}

async function listFiles(dir: string, prefix = ''): Promise<string[]> {
  const entries = await readdir(path.join(dir, prefix), { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((entry) => (entry.isDirectory() ? listFiles(dir, path.join(prefix, entry.name)) : Promise.resolve([path.join(prefix, entry.name)]))),
  );
  return nested.flat();
}
