import type { FastifyReply } from 'fastify';
import { describeError } from '../errors/app-error.ts';

export interface StreamEvent {
  type: string;
  [key: string]: unknown;
}

/** Sends each event as `event: <type>` + JSON data; an error mid-stream becomes a final `error` event. */
export async function writeServerSentEvents(reply: FastifyReply, events: AsyncIterable<StreamEvent>): Promise<void> {
  reply.hijack();
  const raw = reply.raw;
  raw.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', connection: 'keep-alive' });
  const send = (event: StreamEvent) => raw.write(`event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
  try {
    for await (const event of events) {
      if (raw.destroyed) break;
      send(event);
    }
  } catch (error) {
    reply.log.error({ err: error }, 'answer stream failed');
    send({ type: 'error', message: describeError(error) });
  } finally {
    raw.end();
  }
}
