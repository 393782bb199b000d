import path from 'node:path';
import { parseArgs } from 'node:util';
import { exportKnowledge } from '#api/archive/export-knowledge.ts';
import { createHubCore } from '#api/core/hub-core.ts';
import { invalidInput } from '#api/errors/app-error.ts';
import { createCliContext } from '../cli-context.ts';

/** `hub export <archive.tar.gz> [--community C]`: a community's knowledge as one portable file. */
export async function runExport(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { community: { type: 'string' }, verbose: { type: 'boolean', default: false } } });
  const [output] = positionals;
  if (!output || positionals.length > 1) throw invalidInput('Name one archive to write, e.g. hub export riverside.tar.gz --community riverside');
  const { config, logger } = createCliContext(values.verbose);
  const core = await createHubCore(config, logger);
  try {
    const { manifest } = await exportKnowledge(core, { outputPath: path.resolve(output), community: values.community });
    const { counts } = manifest;
    console.log(`Wrote ${output}: ${counts.documents} documents (${counts.files} files), ${counts.faq} FAQ entries, ${counts.updates} updates from ${manifest.community ?? 'every community'}.`);
    return 0;
  } finally {
    await core.close();
  }
}
