import { createHash } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { brotliCompressSync, constants as zlibConstants, gzipSync } from 'node:zlib';
import { drawIconPng, ICON_SVG } from './draw-icon.ts';
import { renderIndexHtml, renderManifest } from './page-documents.ts';

const WEB_DIR = path.resolve(import.meta.dirname, '..');
/** Git-ignored; the hub serves it (api/web/load-page-files.ts). */
export const DEFAULT_OUT_DIR = path.join(WEB_DIR, 'dist');
/** What the browsers of cheap phones from the last five years all run (Chrome/WebView 80+, Safari 14+). */
const TARGETS = ['es2020'];
const COMPRESSIBLE = new Set(['.html', '.js', '.css', '.webmanifest', '.svg', '.json']);

export interface BuiltFile {
  path: string;
  bytes: number;
  gzip: number | null;
  brotli: number | null;
}

export interface BuildReport {
  outDir: string;
  files: BuiltFile[];
  /** The JavaScript a first visit loads (the page's script; the service worker loads after it). */
  firstLoadScript: BuiltFile;
}

/**
 * Builds the members' page from web/src into `outDir`: one hashed script and stylesheet (esbuild,
 * Preact), the HTML shell, the manifest, icons and the service worker that knows the file list.
 * Every text file is stored precompressed (gzip, brotli) beside itself.
 */
export async function buildWebPage(outDir = DEFAULT_OUT_DIR): Promise<BuildReport> {
  const esbuild = await import('esbuild');
  await rm(outDir, { recursive: true, force: true });
  await mkdir(path.join(outDir, 'icons'), { recursive: true });

  const bundled = await esbuild.build({
    entryPoints: { app: path.join(WEB_DIR, 'src/main.tsx') },
    outdir: path.join(outDir, 'assets'),
    entryNames: '[name]-[hash]',
    bundle: true,
    minify: true,
    format: 'esm',
    target: TARGETS,
    jsx: 'automatic',
    jsxImportSource: 'preact',
    tsconfig: path.join(WEB_DIR, 'tsconfig.json'),
    legalComments: 'none',
    metafile: true,
    logLevel: 'warning',
  });
  const outputs = Object.keys(bundled.metafile.outputs).map((file) => `/${path.relative(outDir, path.resolve(file)).split(path.sep).join('/')}`);
  const script = outputs.find((file) => file.endsWith('.js'))!;
  const style = outputs.find((file) => file.endsWith('.css')) ?? null;

  await writeFile(path.join(outDir, 'index.html'), renderIndexHtml({ script, style }));
  await writeFile(path.join(outDir, 'manifest.webmanifest'), renderManifest());
  await writeFile(path.join(outDir, 'icons/icon.svg'), ICON_SVG);
  for (const size of [192, 512]) await writeFile(path.join(outDir, `icons/icon-${size}.png`), drawIconPng(size));

  const pageFiles = ['/', '/index.html', script, ...(style ? [style] : []), '/manifest.webmanifest', '/icons/icon.svg', '/icons/icon-192.png', '/icons/icon-512.png'];
  const buildId = createHash('sha256').update(pageFiles.join('\n')).update(await readFile(path.join(outDir, 'index.html'))).digest('hex').slice(0, 12);
  await esbuild.build({
    entryPoints: [path.join(WEB_DIR, 'sw/service-worker.ts')],
    outfile: path.join(outDir, 'sw.js'),
    bundle: true,
    minify: true,
    format: 'iife',
    target: TARGETS,
    define: { PAGE_FILES: JSON.stringify(pageFiles), BUILD_ID: JSON.stringify(buildId) },
    legalComments: 'none',
    logLevel: 'warning',
  });

  const files: BuiltFile[] = [];
  for (const file of [...pageFiles.filter((name) => name !== '/'), '/sw.js']) files.push(await compress(outDir, file));
  return { outDir, files, firstLoadScript: files.find((file) => file.path === script)! };
}

async function compress(outDir: string, urlPath: string): Promise<BuiltFile> {
  const full = path.join(outDir, urlPath);
  const body = await readFile(full);
  if (!COMPRESSIBLE.has(path.extname(urlPath))) return { path: urlPath, bytes: body.length, gzip: null, brotli: null };
  const gzip = gzipSync(body, { level: 9 });
  const brotli = brotliCompressSync(body, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 11 } });
  await writeFile(`${full}.gz`, gzip);
  await writeFile(`${full}.br`, brotli);
  return { path: urlPath, bytes: body.length, gzip: gzip.length, brotli: brotli.length };
}

export function formatReport(report: BuildReport): string {
  const kb = (bytes: number | null) => (bytes === null ? '-' : `${(bytes / 1024).toFixed(1)} KB`);
  const lines = report.files.map((file) => `  ${file.path.padEnd(34)} ${kb(file.bytes).padStart(9)}  gzip ${kb(file.gzip).padStart(8)}  brotli ${kb(file.brotli).padStart(8)}`);
  const first = report.firstLoadScript;
  return [`members' page built in ${path.relative(process.cwd(), report.outDir) || '.'}:`, ...lines, `first-load JavaScript: ${kb(first.gzip)} gzip, ${kb(first.brotli)} brotli (goal: <= 100 KB compressed)`].join('\n');
}

/** `npm run build:web`; `--optional` (the `prepare` script) skips quietly when esbuild is not installed (npm install --omit=dev). */
async function main(): Promise<void> {
  const optional = process.argv.includes('--optional');
  try {
    await import('esbuild');
  } catch (error) {
    if (!optional) throw error;
    console.log('members\' page not built: esbuild is not installed (devDependencies omitted). Build it where they are: npm run build:web');
    return;
  }
  console.log(formatReport(await buildWebPage()));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
