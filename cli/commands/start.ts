import { parseArgs } from 'node:util';
import { loadConfig } from '#api/config/load-config.ts';
import { createHubCore } from '#api/core/hub-core.ts';
import { describeComponents } from '#api/core/describe-components.ts';
import { secretsOf } from '#api/logging/config-secrets.ts';
import { createLogger } from '#api/logging/create-logger.ts';
import { startApiServer } from '#api/server.ts';
import { handleChatMessage } from '#api/chat/handle-chat-message.ts';
import { recordAnswerFeedback } from '#api/chat/record-answer-feedback.ts';
import { registerAdminPanel } from '#admin/register-admin-panel.ts';
import { deliverCommunityUpdates, type ChatDelivery } from '#bot/deliver-community-updates.ts';
import { startChatAdapters, type ChatAdapters } from '#bot/start-chat-adapters.ts';
import { startWorkers } from '#workers/start-workers.ts';
import { startSyncWorker } from '#workers/sync/start-sync-worker.ts';
import { formatStartBanner } from '../output/start-banner.ts';

const SHUTDOWN_GRACE_MS = 15_000;

/** `hub start`: the whole hub in one process — API, workers and whatever else is configured. */
export async function runStart(args: string[]): Promise<number> {
  parseArgs({ args, options: {} });
  const config = loadConfig();
  const logger = createLogger({ level: config.LOG_LEVEL, pretty: Boolean(process.stdout.isTTY), secrets: secretsOf(config) });
  const core = await createHubCore(config, logger);
  let app: Awaited<ReturnType<typeof startApiServer>>['app'] | undefined;
  let chat: ChatAdapters | undefined;
  let delivery: ChatDelivery | undefined;
  try {
    let adminPath: string | undefined;
    const started = await startApiServer(core, async (server) => {
      adminPath = (await registerAdminPanel(server, core))?.path;
    });
    app = started.app;
    await startWorkers(core);
    await startSyncWorker(core);
    chat = await startChatAdapters({
      config,
      logger,
      handle: (message) => handleChatMessage(core, message),
      vote: async (vote) => (await recordAnswerFeedback(core.db, vote)).recorded,
    });
    delivery = await deliverCommunityUpdates(core, chat);
    const components = describeComponents(config, core.rag);
    console.log(formatStartBanner({ url: started.url, config, database: core.database, components, chatPlatforms: chat.running, adminPath }));
  } catch (error) {
    await delivery?.stop();
    await chat?.stop();
    await app?.close().catch(() => {});
    await core.close();
    throw error;
  }
  // A bug in one request or job must not take the hub down: log it and keep serving.
  process.on('unhandledRejection', (reason) => logger.error({ err: reason }, 'unhandled promise rejection'));
  await waitForShutdownSignal();
  logger.info('shutting down');
  const forceExit = setTimeout(() => process.exit(1), SHUTDOWN_GRACE_MS).unref();
  // Chat answers still being written need the core: stop the adapters first.
  await delivery?.stop();
  await chat.stop();
  await app.close();
  await core.close();
  clearTimeout(forceExit);
  return 0;
}

function waitForShutdownSignal(): Promise<void> {
  return new Promise((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
}
