#!/usr/bin/env node
import { describeForOperator } from './output/describe-for-operator.ts';
import { runAsk } from './commands/ask.ts';
import { runDoctor } from './commands/doctor.ts';
import { runIngest } from './commands/ingest.ts';
import { runInvite } from './commands/invite.ts';
import { runMigrate } from './commands/migrate.ts';
import { runReembed } from './commands/reembed.ts';
import { runStart } from './commands/start.ts';
import { runSync } from './commands/sync.ts';
import { runSyncKey } from './commands/sync-key.ts';

const usage = `hub — Community Resilience Hub

  hub start                               run the hub: API, admin, workers, chat adapters
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

Settings come from the environment or .env (see .env.example). Add --verbose for logs.`;

/** Each command returns its exit code; errors are printed for people, never as stack traces. */
const commands: Record<string, (args: string[]) => Promise<number>> = {
  start: runStart,
  migrate: runMigrate,
  ingest: runIngest,
  ask: runAsk,
  doctor: runDoctor,
  reembed: runReembed,
  sync: runSync,
  'sync-key': runSyncKey,
  invite: runInvite,
};

const [name, ...args] = process.argv.slice(2);
const command = name ? commands[name] : undefined;
if (!command) {
  console.log(usage);
  process.exitCode = name && !['help', '--help', '-h'].includes(name) ? 2 : 0;
} else {
  command(args).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      console.error(describeForOperator(error));
      process.exitCode = 1;
    },
  );
}
