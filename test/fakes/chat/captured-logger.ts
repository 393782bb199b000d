import { pino, type Logger } from 'pino';

export interface CapturedLogger {
  logger: Logger;
  /** Every log line as parsed JSON: `{ level, msg, err?, ... }` (pino levels: 30 info, 40 warn, 50 error). */
  lines: Array<{ level: number; msg: string; err?: { message: string } } & Record<string, unknown>>;
  messages(minLevel?: number): string[];
}

/** A real pino logger writing into an array, so tests can check what an operator would read. */
export function createCapturedLogger(): CapturedLogger {
  const lines: CapturedLogger['lines'] = [];
  const logger = pino({ level: 'debug' }, { write: (line: string) => void lines.push(JSON.parse(line)) });
  return { logger, lines, messages: (minLevel = 0) => lines.filter((line) => line.level >= minLevel).map((line) => line.msg) };
}
