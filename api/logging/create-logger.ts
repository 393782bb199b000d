import { pino, type Logger } from 'pino';

export type { Logger };

/** One root logger per process; request, job and update handlers take `logger.child({...})`. */
export function createLogger(level: string, destination?: NodeJS.WritableStream): Logger {
  return pino({ level, base: { service: 'hub' }, redact: ['req.headers.authorization', '*.apiKey', '*.token'] }, destination as never);
}
