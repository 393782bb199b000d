import { execFile } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);
const VERSION_TIMEOUT_MS = 20_000;

/** Where distributions and the official packages install soffice. */
export const LIBREOFFICE_CANDIDATES: readonly string[] = [
  '/usr/bin/soffice',
  '/usr/bin/libreoffice',
  '/usr/lib/libreoffice/program/soffice',
  '/opt/libreoffice/program/soffice',
  '/snap/bin/libreoffice',
  '/Applications/LibreOffice.app/Contents/MacOS/soffice',
];

const isExecutable = (file: string) => {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

/** The soffice binary to use: the configured path when given (and executable), else the first installed candidate. */
export function findLibreOffice(configuredPath?: string): string | undefined {
  if (configuredPath) return isExecutable(configuredPath) ? configuredPath : undefined;
  return LIBREOFFICE_CANDIDATES.find(isExecutable);
}

/** "LibreOffice 7.4.7.2 40(Build:2)" -> "7.4.7.2"; undefined when soffice does not answer. */
export async function readLibreOfficeVersion(binary: string): Promise<string | undefined> {
  try {
    const { stdout } = await execFileAsync(binary, ['--version'], { timeout: VERSION_TIMEOUT_MS, killSignal: 'SIGKILL' });
    return /(\d+\.\d+(?:\.\d+)*)/.exec(stdout)?.[1];
  } catch {
    return undefined;
  }
}
