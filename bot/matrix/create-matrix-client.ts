import { createClient, type MatrixClient } from 'matrix-js-sdk';
import type { Logger } from '#api/logging/create-logger.ts';
import { routeGlobalSdkLogs, toSdkLogger } from './sdk-logging.ts';

export interface MatrixConnection {
  homeserverUrl: string;
  accessToken: string;
  userId: string;
}

/** A matrix-js-sdk client that logs through pino and lets the process exit once stopped. */
export function createMatrixClient(connection: MatrixConnection, logger: Logger): MatrixClient {
  routeGlobalSdkLogs(logger);
  const client = createClient({
    baseUrl: connection.homeserverUrl,
    accessToken: connection.accessToken,
    userId: connection.userId,
    logger: toSdkLogger(logger, 'matrix-sdk'),
  });
  useUnrefTimeouts(client);
  return client;
}

/**
 * The SDK gives each request with a local timeout (every /sync: 30 s poll + 80 s margin) a plain
 * setTimeout that nothing clears, so after stopClient() the process stayed up for ~110 s. Handing the
 * same timeout over as `AbortSignal.timeout()` keeps the behaviour and uses an unref'd timer.
 */
function useUnrefTimeouts(client: MatrixClient): void {
  const http = client.http;
  const request = http.requestOtherUrl.bind(http);
  http.requestOtherUrl = ((method, url, body, opts) => {
    if (opts?.localTimeoutMs === undefined) return request(method, url, body, opts);
    const { localTimeoutMs, ...rest } = opts;
    const timeout = AbortSignal.timeout(localTimeoutMs);
    const abortSignal = rest.abortSignal ? AbortSignal.any([rest.abortSignal, timeout]) : timeout;
    return request(method, url, body, { ...rest, abortSignal });
  }) as typeof http.requestOtherUrl;
}
