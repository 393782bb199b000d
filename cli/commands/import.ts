import path from 'node:path';
import { parseArgs } from 'node:util';
import { importKnowledge } from '#api/archive/import-knowledge.ts';
import { createHubCore } from '#api/core/hub-core.ts';
import { invalidInput } from '#api/errors/app-error.ts';
import { createCliContext } from '../cli-context.ts';

/**
 * `hub import <archive.tar.gz> [--community C]`: checks every hash in the archive, then adds what is
 * not here yet. Ready documents are indexed here and now; unfinished ones wait for the workers.
 */
export async function runImport(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { community: { type: 'string' }, verbose: { type: 'boolean', default: false } } });
  const [archive] = positionals;
  if (!archive || positionals.length > 1) throw invalidInput('Name one archive to import, e.g. hub import riverside.tar.gz');
  const { config, logger } = createCliContext(values.verbose);
  const core = await createHubCore(config, logger);
  try {
    const result = await importKnowledge(core, { archivePath: path.resolve(archive), community: values.community });
    const line = (what: string, counts: { added: number; alreadyHere: number }) => `${counts.added} ${what} added${counts.alreadyHere ? ` (${counts.alreadyHere} already here)` : ''}`;
    console.log(`Checked every hash in ${archive}. ${[line('documents', result.documents), line('FAQ entries', result.faq), line('updates', result.updates)].join(', ')}.`);
    return 0;
  } finally {
    await core.close();
  }
}
