import AdminJS from 'adminjs';
import { ADMIN_JS_TMP_DIR, AssetBundler, COMPONENTS_OUTPUT_PATH, NODE_ENV, componentsBundler, generateUserComponentEntry } from 'adminjs/bundler';
import { createHash, randomUUID } from 'node:crypto';
import { access, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

const STAMP_PATH = path.join(ADMIN_JS_TMP_DIR, 'bundle.sha256');

/**
 * Builds the browser bundle of the panel's own components into `.adminjs/bundle.js`, where AdminJS
 * serves it from, unless the bundle there was built from the same sources. It is written under a
 * temporary name and renamed, so another hub process (or test file) never reads half a bundle.
 * Returns whether a build ran.
 */
export async function bundleAdminComponents(admin: AdminJS): Promise<boolean> {
  const entryContent = generateUserComponentEntry(admin, ADMIN_JS_TMP_DIR);
  const stamp = await sourcesStamp(admin, entryContent);
  if ((await readFile(STAMP_PATH, 'utf8').catch(() => '')) === stamp && (await exists(COMPONENTS_OUTPUT_PATH))) return false;
  const unique = `${process.pid}-${randomUUID()}`;
  const entry = path.join(ADMIN_JS_TMP_DIR, `entry-${unique}.js`);
  const output = path.join(ADMIN_JS_TMP_DIR, `bundle-${unique}.js`);
  await mkdir(ADMIN_JS_TMP_DIR, { recursive: true });
  try {
    await writeFile(entry, entryContent);
    // AdminJS's own settings (externals, Babel presets, globals) with this build's file names.
    await new AssetBundler({ ...componentsBundler.inputOptions, input: entry }, { ...componentsBundler.outputOptions, file: output }).build();
    await rename(output, COMPONENTS_OUTPUT_PATH);
    await writeFile(`${STAMP_PATH}.${unique}`, stamp);
    await rename(`${STAMP_PATH}.${unique}`, STAMP_PATH);
  } finally {
    await Promise.all([entry, output, `${STAMP_PATH}.${unique}`].map((file) => rm(file, { force: true })));
  }
  return true;
}

async function sourcesStamp(admin: AdminJS, entryContent: string): Promise<string> {
  const hash = createHash('sha256').update(`${AdminJS.VERSION}\n${NODE_ENV}\n${entryContent}`);
  for (const file of Object.values(admin.componentLoader.getComponents()).sort()) {
    hash.update(await readFile(await withExtension(file)));
  }
  return hash.digest('hex');
}

/** The component loader stores paths without extension; the bundler resolves them like this. */
async function withExtension(file: string): Promise<string> {
  for (const extension of ['.ts', '.tsx', '.js', '.jsx']) if (await exists(file + extension)) return file + extension;
  return file;
}

const exists = (file: string) => access(file).then(() => true, () => false);
