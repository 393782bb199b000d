import { parseArgs } from 'node:util';
import { openDatabase } from '#api/db/open-database.ts';
import { createCliContext } from '../cli-context.ts';

/** `hub migrate`: bring the database schema up to date (start-up does this too). */
export async function runMigrate(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { verbose: { type: 'boolean', default: false } } });
  const { config } = createCliContext(values.verbose);
  const database = await openDatabase(config);
  try {
    console.log(`Database ${database.engine} at ${database.location} is up to date.`);
    return 0;
  } finally {
    await database.close();
  }
}
