#!/usr/bin/env node
// First: it must run before any module grows the heap.
import './process/limit-young-generation.ts';
import { describeForOperator } from './output/describe-for-operator.ts';

const usage = `hub — Community Resilience Hub

  hub start [--role api,bot,workers,sync] run the hub (default: every role in one process)
  hub migrate                             apply database migrations and exit
  hub ingest <files|folders...> [--community C] [--json]
                                          add documents and wait until each is processed
  hub ask "<question>" [--community C] [--json]
                                          answer a question from the documents
  hub doctor                              check what is configured and reachable
  hub reembed                             re-embed every chunk with the current embedding model
  hub sync --once | --initial | --status [--json]
                                          sync with the server in SYNC_SERVER_URL, or show where it stands
  hub sync-key create [--name N] [--json] | list | revoke ID
                                          keys that let local instances sync with this one
  hub invite <community> [--new-code | --code CODE | --open]
                                          links to the community's web page; set or drop its access code
  hub export <archive.tar.gz> [--community C]
                                          write a community's knowledge to one portable archive
  hub import <archive.tar.gz> [--community C]
                                          add an archive's knowledge here, after checking its hashes

Settings come from the environment or .env (see .env.example). Add --verbose for logs.`;

type Command = (args: string[]) => Promise<number>;

/**
 * Each command returns its exit code; errors are printed for people, never as stack traces. Commands
 * are imported on use, so `hub ask` never loads what only `hub start` needs.
 */
const commands: Record<string, () => Promise<Command>> = {
  start: async () => (await import('./commands/start.ts')).runStart,
  migrate: async () => (await import('./commands/migrate.ts')).runMigrate,
  ingest: async () => (await import('./commands/ingest.ts')).runIngest,
  ask: async () => (await import('./commands/ask.ts')).runAsk,
  doctor: async () => (await import('./commands/doctor.ts')).runDoctor,
  reembed: async () => (await import('./commands/reembed.ts')).runReembed,
  export: async () => (await import('./commands/export.ts')).runExport,
  import: async () => (await import('./commands/import.ts')).runImport,
  sync: async () => (await import('./commands/sync.ts')).runSync,
  'sync-key': async () => (await import('./commands/sync-key.ts')).runSyncKey,
  invite: async () => (await import('./commands/invite.ts')).runInvite,
};

const [name, ...args] = process.argv.slice(2);
const load = name && Object.hasOwn(commands, name) ? commands[name] : undefined;
if (!load) {
  console.log(usage);
  process.exitCode = name && !['help', '--help', '-h'].includes(name) ? 2 : 0;
} else {
  load()
    .then((command) => command(args))
    .then(
      (code) => {
        process.exitCode = code;
      },
      (error: unknown) => {
        console.error(describeForOperator(error));
        process.exitCode = 1;
      },
    );
}
