/** One server-sent event's JSON data (the hub puts the event type in `type`). */
export interface StreamEvent {
  type: string;
  [key: string]: unknown;
}

/** Reads a text/event-stream response body event by event. */
export async function* readEventStream(body: ReadableStream<Uint8Array>): AsyncGenerator<StreamEvent> {
  // TypeScript's DOM types disagree with themselves on the decoder's writable side.
  const reader = body.pipeThrough(new TextDecoderStream() as unknown as ReadableWritablePair<string, Uint8Array>).getReader();
  let buffer = '';
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += value;
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const event = parseEvent(buffer.slice(0, end));
        buffer = buffer.slice(end + 2);
        if (event) yield event;
      }
    }
    const last = parseEvent(buffer);
    if (last) yield last;
  } finally {
    reader.releaseLock();
  }
}

/** The JSON of an event block's `data:` lines, or null for comments and empty blocks. */
export function parseEvent(block: string): StreamEvent | null {
  const data = block
    .split('\n')
    .filter((line) => line.startsWith('data:'))
    .map((line) => line.slice(5).replace(/^ /, ''))
    .join('\n');
  if (!data) return null;
  try {
    const parsed = JSON.parse(data) as unknown;
    return parsed && typeof parsed === 'object' && typeof (parsed as StreamEvent).type === 'string' ? (parsed as StreamEvent) : null;
  } catch {
    return null;
  }
}
