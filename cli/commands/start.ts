import { parseArgs } from 'node:util';
import { loadConfig } from '#api/config/load-config.ts';
import { describeComponents } from '#api/core/describe-components.ts';
import { createHubCore, type HubCore } from '#api/core/hub-core.ts';
import { createLifecycle } from '#api/core/lifecycle.ts';
import { secretsOf } from '#api/logging/config-secrets.ts';
import { createLogger, type Logger } from '#api/logging/create-logger.ts';
import { formatStartBanner } from '../output/start-banner.ts';
import type { RoleReport, RunningRole } from '../roles/hub-role.ts';
import { hubRoles, parseRoles, type RoleName } from '../roles/hub-roles.ts';
import { serveProbes } from '../roles/serve-probes.ts';

/** After the grace period (plus the time aborted jobs get to re-queue themselves) the process exits even if something still hangs. */
const EXIT_MARGIN_MS = 8_000;

/**
 * `hub start [--role api,bot,workers,sync]`: the hub's roles in this process — all of them by default
 * (sync when SYNC_ENABLED), the quick start. On SIGTERM or SIGINT it stops taking work, lets answers and jobs in
 * flight finish (jobs still running at the deadline go back to the queue), then closes the database.
 */
export async function runStart(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { role: { type: 'string' } } });
  const config = loadConfig();
  const roles = parseRoles(values.role, { syncEnabled: config.SYNC_ENABLED });
  const logger = createLogger({ level: config.LOG_LEVEL, pretty: Boolean(process.stdout.isTTY), secrets: secretsOf(config) });
  const shutdown = watchShutdownSignals();
  const core = await createHubCore(config, logger, { lifecycle: createLifecycle('starting') });
  const running: RunningRole[] = [];
  const reports: RoleReport[] = [];
  try {
    // Without the API, health probes still need an address (the same healthcheck for every container).
    if (!roles.includes('api')) {
      const probes = await serveProbes(core);
      running.push(probes);
      reports.push({ probeUrl: probes.url });
    }
    for (const name of roles) {
      if (shutdown.requested) break;
      const role = await hubRoles[name](core);
      running.push({ stop: (deadline) => role.stop(deadline) });
      if (role.report) reports.push(role.report);
    }
  } catch (error) {
    await stopAll(core, running, Date.now() + config.SHUTDOWN_GRACE_SECONDS * 1000, logger);
    throw error;
  }
  // A bug in one request or job must not take the hub down: log it and keep serving.
  process.on('unhandledRejection', (reason) => logger.error({ err: reason }, 'unhandled promise rejection'));
  core.lifecycle.markReady();
  printStarted(core, roles, Object.assign({}, ...reports) as RoleReport);
  await shutdown.signal;
  const deadline = Date.now() + config.SHUTDOWN_GRACE_SECONDS * 1000;
  logger.info({ graceSeconds: config.SHUTDOWN_GRACE_SECONDS }, 'shutting down: no new work; finishing what is in flight');
  const forceExit = setTimeout(() => {
    logger.error('shutdown did not finish in time; exiting anyway');
    process.exit(1);
  }, deadline - Date.now() + EXIT_MARGIN_MS).unref();
  await stopAll(core, running, deadline, logger);
  clearTimeout(forceExit);
  logger.info('stopped');
  return 0;
}

/** Every role stops at once (each finishing its own work in flight), then the database closes. */
async function stopAll(core: HubCore, running: RunningRole[], deadline: number, logger: Logger): Promise<void> {
  core.lifecycle.markStopping();
  const stopped = await Promise.allSettled(running.map((role) => role.stop(deadline)));
  for (const result of stopped) if (result.status === 'rejected') logger.warn({ err: result.reason }, 'a role did not stop cleanly');
  await core.close();
}

function printStarted(core: HubCore, roles: RoleName[], report: RoleReport): void {
  if (report.url) {
    const components = describeComponents(core.config, core.rag);
    console.log(formatStartBanner({ url: report.url, config: core.config, database: core.database, components, chatPlatforms: report.chatPlatforms ?? [], adminPath: report.adminPath }));
  } else {
    console.log(`Community Resilience Hub is running roles ${roles.join(', ')} (${core.config.DEPLOYMENT_MODE} mode, ${core.database.location}).`);
    console.log(`  Health       ${report.probeUrl}/health/ready`);
    console.log('Stop with Ctrl+C.');
  }
}

/** Signals are watched from the very start, so a stop during a slow start-up is not lost. */
function watchShutdownSignals(): { signal: Promise<void>; readonly requested: boolean } {
  let requested = false;
  const signal = new Promise<void>((resolve) => {
    const onSignal = () => {
      requested = true;
      resolve();
    };
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
  });
  return {
    signal,
    get requested() {
      return requested;
    },
  };
}
