import { loadConfig, type HubConfig } from '#api/config/load-config.ts';
import { secretsOf } from '#api/logging/config-secrets.ts';
import { createLogger, type Logger } from '#api/logging/create-logger.ts';

/** Config and a stderr logger for one CLI command: quiet (warnings only) unless --verbose. */
export function createCliContext(verbose: boolean): { config: HubConfig; logger: Logger } {
  const config = loadConfig();
  const logger = createLogger({ level: verbose ? config.LOG_LEVEL : 'warn', pretty: Boolean(process.stderr.isTTY), fd: 2, secrets: secretsOf(config) });
  return { config, logger };
}
