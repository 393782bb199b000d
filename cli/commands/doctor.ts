import { parseArgs } from 'node:util';
import { checkExtractionTools } from '#api/documents/extraction/extract-document.ts';
import { createCliContext } from '../cli-context.ts';
import { ok, problem, type CheckResult } from '../doctor/check-result.ts';
import { checkDatabase } from '../doctor/check-database.ts';
import { checkChatPlatforms, checkGroq, checkOllama } from '../doctor/check-services.ts';
import { checkSync } from '../doctor/check-sync.ts';

const MARK = { ok: 'ok  ', problem: 'FIX ', skip: '--  ' } as const;

/** `hub doctor`: what is configured and reachable. Exit 1 when something configured does not work. */
export async function runDoctor(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { verbose: { type: 'boolean', default: false }, json: { type: 'boolean', default: false } } });
  const { config } = createCliContext(values.verbose);
  const results: CheckResult[] = [ok('Config', `valid, ${config.DEPLOYMENT_MODE} mode, data in ${config.dataDir}`)];
  results.push(...(await checkDatabase(config)));
  results.push(...(await checkTools(config)));
  results.push(await checkOllama(config), await checkGroq(config));
  results.push(...(await checkChatPlatforms(config)), ...(await checkSync(config)));
  if (values.json) console.log(JSON.stringify(results));
  else for (const result of results) console.log(`${MARK[result.state]}${result.name.padEnd(12)} ${result.detail}`);
  return results.some((result) => result.state === 'problem') ? 1 : 0;
}

async function checkTools(config: Parameters<typeof checkExtractionTools>[0]): Promise<CheckResult[]> {
  try {
    const tools = await checkExtractionTools(config);
    return tools.map((tool) => (tool.ok ? ok(tool.name, tool.detail) : problem(tool.name, tool.detail)));
  } catch (error) {
    return [problem('Processing', (error as Error).message)];
  }
}
