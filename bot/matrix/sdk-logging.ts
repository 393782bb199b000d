import { logger as sdkGlobalLogger, type Logger as SdkLogger } from 'matrix-js-sdk/lib/logger.js';
import type { Logger } from '#api/logging/create-logger.ts';

type Level = 'debug' | 'warn' | 'error';
/** matrix-js-sdk's global logger is a loglevel logger; these are the loglevel hooks it documents. */
type LoglevelLogger = { methodFactory: (methodName: string) => (...parts: unknown[]) => void; rebuild(): void };

/** The SDK's chatter (every request, every sync) is debug detail; its warnings and errors stay visible. */
function levelOf(methodName: string): Level {
  return methodName === 'warn' || methodName === 'error' ? methodName : 'debug';
}

function write(logger: Logger, namespace: string, level: Level, parts: unknown[]): void {
  logger[level]({ sdk: namespace }, parts.map(describe).join(' '));
}

/** The logger given to createClient: the client's own messages, into pino. */
export function toSdkLogger(logger: Logger, namespace = 'matrix-sdk'): SdkLogger {
  const method = (name: string) => (...parts: unknown[]) => write(logger, namespace, levelOf(name), parts);
  return {
    trace: method('trace'),
    debug: method('debug'),
    info: method('info'),
    warn: method('warn'),
    error: method('error'),
    getChild: (child: string) => toSdkLogger(logger, `${namespace}:${child}`),
  };
}

/**
 * Many SDK modules (rooms, the send queue, MatrixRTC) log through a process-wide logger that prints to
 * the console at debug level, in between the hub's JSON log lines. Its loggers copy their parent's
 * method factory when created, so replacing the root's routes them all into pino.
 */
export function routeGlobalSdkLogs(logger: Logger): void {
  const root = sdkGlobalLogger as unknown as LoglevelLogger;
  root.methodFactory = (methodName) => (...parts) => write(logger, 'matrix-sdk-global', levelOf(methodName), parts);
  root.rebuild();
  // The one child the SDK creates at import time, before this ran; getChild rebuilds it with the new factory.
  sdkGlobalLogger.getChild('RoomStickyEvents');
}

function describe(part: unknown): string {
  if (part instanceof Error) return part.message;
  return typeof part === 'string' ? part : (JSON.stringify(part) ?? String(part));
}
