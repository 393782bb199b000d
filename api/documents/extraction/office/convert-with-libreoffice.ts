import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { UnreadableReason } from '../extracted-document.ts';
import { unreadableDocument } from '../unreadable-reason.ts';
import { findLibreOffice } from './find-libreoffice.ts';

const MAX_STDERR = 4000;

function runSoffice(binary: string, args: string[], timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(binary, args, { timeout: timeoutMs, killSignal: 'SIGKILL', maxBuffer: 1024 * 1024 }, (error, _stdout, stderr) => {
      if (error) reject(Object.assign(error, { stderr: String(stderr).slice(-MAX_STDERR) }));
      else resolve();
    });
  });
}

/**
 * Converts an office file to `targetType` with LibreOffice headless. Every call gets its own fresh profile
 * directory (`-env:UserInstallation`): parallel conversions sharing one profile fail silently. soffice
 * runs in the extraction child's process group, so the parent's hard kill also ends it.
 */
export async function convertWithLibreOffice(
  bytes: Uint8Array,
  fromType: string,
  targetType: string,
  options: { libreOfficePath?: string; timeoutMs: number; scratchDirectory: string },
): Promise<Uint8Array> {
  const binary = findLibreOffice(options.libreOfficePath);
  if (!binary) throw unreadableDocument(UnreadableReason.converterMissing, { hint: 'LibreOffice (soffice) is not installed' });
  const workDirectory = await mkdtemp(path.join(options.scratchDirectory, 'soffice-'));
  try {
    const source = path.join(workDirectory, `source.${fromType}`);
    const outDirectory = path.join(workDirectory, 'out');
    await writeFile(source, bytes);
    const profile = pathToFileURL(path.join(workDirectory, 'profile')).href;
    const args = [`-env:UserInstallation=${profile}`, '--headless', '--norestore', '--nolockcheck', '--convert-to', targetType, '--outdir', outDirectory, source];
    try {
      await runSoffice(binary, args, options.timeoutMs);
    } catch (error) {
      const killed = (error as { killed?: boolean }).killed === true;
      throw unreadableDocument(killed ? UnreadableReason.timeout : UnreadableReason.damaged, killed ? { limit: `${options.timeoutMs} ms` } : {}, error);
    }
    try {
      return new Uint8Array(await readFile(path.join(outDirectory, `source.${targetType}`)));
    } catch (error) {
      throw unreadableDocument(UnreadableReason.damaged, { hint: 'LibreOffice could not open it' }, error);
    }
  } finally {
    await rm(workDirectory, { recursive: true, force: true });
  }
}
