import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { invalidInput } from '#api/errors/app-error.ts';

/** Files named on the command line, folders expanded recursively (hidden entries skipped), in a stable order. */
export async function collectFiles(inputs: string[]): Promise<string[]> {
  const files: string[] = [];
  for (const input of inputs) {
    const info = await stat(input).catch(() => null);
    if (!info) throw invalidInput(`${input}: no such file or folder`);
    if (info.isDirectory()) files.push(...(await listFolder(input)));
    else if (info.isFile()) files.push(input);
  }
  return [...new Set(files.map((file) => path.resolve(file)))];
}

async function listFolder(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { withFileTypes: true });
  const found: string[] = [];
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) found.push(...(await listFolder(full)));
    else if (entry.isFile()) found.push(full);
  }
  return found;
}
