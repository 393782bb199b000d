import { execFile, spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';

const hubEntry = path.resolve(import.meta.dirname, '../../cli/hub.ts');
const run = promisify(execFile);

/** Runs `hub <args>` to completion in its own process; never throws on a non-zero exit. */
export async function runHub(args: string[], env: Record<string, string>, cwd?: string): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [hubEntry, ...args], { env: { ...process.env, ...env }, cwd, maxBuffer: 64 * 1024 * 1024 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

/** Starts `hub start` and resolves with the API URL once the start-up banner is printed. */
export async function startHub(env: Record<string, string>): Promise<{ url: string; process: ChildProcess; output: string[] }> {
  const child = spawn(process.execPath, [hubEntry, 'start'], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const output: string[] = [];
  createInterface({ input: child.stderr! }).on('line', (line) => output.push(line));
  const url = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      output.push(line);
      const match = /^\s+API\s+(http:\/\/\S+)\/api$/.exec(line);
      if (match) resolve(match[1]!);
    });
    child.once('exit', (code) => reject(new Error(`hub start exited with ${code}:\n${output.join('\n')}`)));
  });
  return { url, process: child, output };
}
