import { parseArgs } from 'node:util';
import { createCliContext } from '../cli-context.ts';
import { openGateway } from '../gateway/open-gateway.ts';
import { formatAnswer } from '../output/format-answer.ts';

/** `hub ask "<question>"`: the same answer the API gives; `--json` prints the API's JSON. */
export async function runAsk(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { community: { type: 'string' }, json: { type: 'boolean', default: false }, verbose: { type: 'boolean', default: false } },
  });
  const question = positionals.join(' ').trim();
  if (!question) {
    console.error('Usage: hub ask "<question>" [--community C] [--json]');
    return 2;
  }
  const { config, logger } = createCliContext(values.verbose);
  const gateway = await openGateway(config, logger, { withWorkers: false });
  try {
    const answer = await gateway.ask(question, values.community);
    console.log(values.json ? JSON.stringify(answer) : formatAnswer(answer));
    return 0;
  } finally {
    await gateway.close();
  }
}
