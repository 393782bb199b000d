import type { HubConfig } from '#api/config/load-config.ts';
import { createHubCore } from '#api/core/hub-core.ts';
import { ErrorCode, isAppError } from '#api/errors/app-error.ts';
import type { Logger } from '#api/logging/create-logger.ts';
import { startWorkers } from '#workers/start-workers.ts';
import { createHttpGateway } from './http-gateway.ts';
import { createInProcessGateway } from './in-process-gateway.ts';
import type { HubGateway } from './hub-gateway.ts';

/**
 * Runs the hub inside this process; when a running hub already owns the embedded database, talks to it
 * over HTTP instead (its workers then process what we send).
 */
export async function openGateway(config: HubConfig, logger: Logger, options: { withWorkers: boolean }): Promise<HubGateway> {
  try {
    const core = await createHubCore(config, logger);
    if (options.withWorkers) {
      try {
        await startWorkers(core);
      } catch (error) {
        await core.close();
        throw error;
      }
    }
    return createInProcessGateway(core);
  } catch (error) {
    if (!isAppError(error) || error.code !== ErrorCode.dataDirLocked) throw error;
    const host = config.HOST === '0.0.0.0' || config.HOST === '::' ? '127.0.0.1' : config.HOST;
    const baseUrl = `http://${host}:${config.PORT}`;
    if (!(await isHubAnswering(baseUrl))) throw error;
    return createHttpGateway(baseUrl, config.HUB_API_TOKEN);
  }
}

async function isHubAnswering(baseUrl: string): Promise<boolean> {
  try {
    const response = await fetch(new URL('/health', baseUrl), { signal: AbortSignal.timeout(3_000) });
    return response.ok;
  } catch {
    return false;
  }
}
