import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { pathToFileURL } from 'node:url';
import { hubApi, type HubApiOptions } from './app.ts';
import { loadConfig } from './config/load-config.ts';
import { createHubCore, type HubCore } from './core/hub-core.ts';
import { describeError } from './errors/app-error.ts';
import { secretsOf } from './logging/config-secrets.ts';
import { createLogger } from './logging/create-logger.ts';

/** Upload bodies are limited by the multipart plugin; JSON bodies never need more than this. */
const JSON_BODY_LIMIT_BYTES = 1024 * 1024;

/** Builds the Fastify instance with the hub API registered (not listening yet). */
export async function buildServer(core: HubCore, options: Omit<HubApiOptions, 'core'> = {}): Promise<FastifyInstance> {
  const app = Fastify({ loggerInstance: core.logger.child({ part: 'http' }) as FastifyBaseLogger, bodyLimit: JSON_BODY_LIMIT_BYTES, trustProxy: trustedProxies(core.config.TRUST_PROXY) });
  await app.register(hubApi, { core, ...options });
  return app;
}

/**
 * Starts listening on HOST:PORT and returns the instance and the address it got; `extend` registers
 * more plugins (the admin panel) before the server starts listening.
 */
export async function startApiServer(
  core: HubCore,
  extend: (app: FastifyInstance) => Promise<void> = async () => {},
): Promise<{ app: FastifyInstance; url: string }> {
  const app = await buildServer(core);
  await extend(app);
  await app.listen({ host: core.config.HOST, port: core.config.PORT });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : core.config.PORT;
  const host = core.config.HOST === '0.0.0.0' || core.config.HOST === '::' ? '127.0.0.1' : core.config.HOST;
  return { app, url: `http://${host.includes(':') ? `[${host}]` : host}:${port}` };
}

/** `node api/server.ts`: the API alone (the `hub start` command also runs workers and chat adapters). */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger({ level: config.LOG_LEVEL, pretty: Boolean(process.stdout.isTTY), secrets: secretsOf(config) });
  const core = await createHubCore(config, logger);
  const { app, url } = await startApiServer(core);
  logger.info({ url }, 'API listening');
  const stop = async () => {
    await app.close();
    await core.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((error: unknown) => {
    console.error(describeError(error));
    process.exit(1);
  });
}

/**
 * Fastify's `trustProxy` from TRUST_PROXY: unset trusts no X-Forwarded-For (anyone could write one and
 * pose as a new client per request); a number trusts that many hops, a list those proxies.
 */
export function trustedProxies(setting: string | undefined): boolean | string[] | ((address: string, hop: number) => boolean) {
  if (!setting) return false;
  if (!/^\d+$/.test(setting)) return setting.split(',');
  const hops = Number(setting);
  return (_address, hop) => hop < hops;
}
