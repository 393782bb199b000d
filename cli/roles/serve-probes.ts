import { createServer } from 'node:http';
import type { HubCore } from '#api/core/hub-core.ts';
import { checkReadiness } from '#api/core/check-readiness.ts';

/**
 * A process without the api role (bot, workers, sync) still answers `/health/live` and `/health/ready`
 * on HOST:PORT, so containers of every role share one healthcheck. Nothing else is served there.
 */
export async function serveProbes(core: HubCore): Promise<{ url: string; stop(): Promise<void> }> {
  const server = createServer((request, response) => {
    const send = (status: number, body: object) => response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    if (request.method !== 'GET') return send(405, { status: 'method_not_allowed' });
    if (request.url === '/health/live') return send(200, { status: 'alive' });
    if (request.url !== '/health/ready') return send(404, { status: 'not_found' });
    checkReadiness(core).then(
      (readiness) => send(readiness.ready ? 200 : 503, { status: readiness.status }),
      () => send(503, { status: 'unknown' }),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(core.config.PORT, core.config.HOST, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : core.config.PORT;
  const host = core.config.HOST === '0.0.0.0' || core.config.HOST === '::' ? '127.0.0.1' : core.config.HOST;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
