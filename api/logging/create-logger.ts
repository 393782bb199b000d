import { pino, type Logger } from 'pino';

export type { Logger };

export interface LoggerOptions {
  level: string;
  /** Human-readable lines (for a terminal) instead of JSON (for log collectors). */
  pretty?: boolean;
  /** File descriptor to write to: 1 = stdout (default), 2 = stderr (CLI commands keep stdout for results). */
  fd?: 1 | 2;
}

/** One root logger per process; request, job and update handlers take `logger.child({...})`. */
export function createLogger(options: LoggerOptions): Logger {
  const fd = options.fd ?? 1;
  const base = { level: options.level, base: { service: 'hub' }, redact: ['req.headers.authorization', '*.apiKey', '*.token'] };
  if (options.pretty) {
    return pino(base, pino.transport({ target: 'pino-pretty', options: { destination: fd, ignore: 'pid,hostname,service', translateTime: 'SYS:HH:MM:ss' } }));
  }
  return pino(base, pino.destination({ fd, sync: fd === 2 }));
}
