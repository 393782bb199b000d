import { pino, type DestinationStream, type Logger } from 'pino';
import { createRedactor } from './redact-secrets.ts';

export type { Logger };

export interface LoggerOptions {
  level: string;
  /** Human-readable lines (for a terminal) instead of JSON (for log collectors). */
  pretty?: boolean;
  /** File descriptor to write to: 1 = stdout (default), 2 = stderr (CLI commands keep stdout for results). */
  fd?: 1 | 2;
  /** Values that must never be written (`secretsOf(config)`); well-known secret shapes are removed too. */
  secrets?: readonly string[];
  /** Where lines go instead of `fd` (tests read them). */
  destination?: DestinationStream;
}

/**
 * One root logger per process; request, job and update handlers take `logger.child({...})`. Every line
 * passes through the secret redactor after it is serialised, so tokens inside messages, error messages,
 * stacks, URLs and `cause` chains are removed in this one place.
 */
export function createLogger(options: LoggerOptions): Logger {
  const fd = options.fd ?? 1;
  const redact = createRedactor(options.secrets ?? []);
  const base = {
    level: options.level,
    base: { service: 'hub' },
    redact: ['req.headers.authorization', 'req.headers.cookie', '*.apiKey', '*.token', '*.password'],
    hooks: { streamWrite: redact },
  };
  if (options.destination) return pino(base, options.destination);
  if (options.pretty) {
    return pino(base, pino.transport({ target: 'pino-pretty', options: { destination: fd, ignore: 'pid,hostname,service', translateTime: 'SYS:HH:MM:ss' } }));
  }
  return pino(base, pino.destination({ fd, sync: fd === 2 }));
}
