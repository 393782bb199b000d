import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';

const hubEntry = path.resolve(import.meta.dirname, '../../cli/hub.ts');

export interface RoleProcess {
  /** The API address (api role) or the health probes' address (other roles). */
  url: string;
  process: ChildProcess;
  /** Every line the process printed so far (banner and JSON logs). */
  output: string[];
  /** Sends SIGTERM and resolves with the exit code. */
  stop(): Promise<number | null>;
}

/**
 * Starts `hub start [--role ...]` in its own process and resolves once it says where it answers;
 * `output` collects its lines from the start (to watch a process that has not resolved yet).
 */
export async function startHubRole(roles: string | undefined, env: Record<string, string>, output: string[] = []): Promise<RoleProcess> {
  const args = [hubEntry, 'start', ...(roles ? ['--role', roles] : [])];
  const child = spawn(process.execPath, args, { env: { ...process.env, PORT: '0', HOST: '127.0.0.1', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  createInterface({ input: child.stderr! }).on('line', (line) => output.push(line));
  const url = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      output.push(line);
      const match = /^\s+(?:API|Health)\s+(http:\/\/[^/\s]+)\/(?:api|health\/ready)$/.exec(line);
      if (match) resolve(match[1]!);
    });
    void exited.then((code) => reject(new Error(`hub start ${roles ?? ''} exited with ${code}:\n${output.join('\n')}`)));
  });
  return {
    url,
    process: child,
    output,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}

/** Polls until `check` is true, failing after `timeoutMs` with what it was waiting for. */
export async function eventually(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
