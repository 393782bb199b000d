import { AppError, ErrorCode } from '#api/errors/app-error.ts';

export interface FetchBytesOptions {
  headers?: Record<string, string>;
  /** Stops reading past this size: Matrix files may not state theirs, and the core only checks stated sizes. */
  maxBytes?: number;
  /** Names the file in errors instead of the URL (Telegram's file URLs contain the bot token). */
  label?: string;
}

/** Downloads a file a platform links to (Discord CDN, Matrix media, Telegram file); signed URLs expire, so call it promptly. */
export async function fetchBytes(url: string, options: FetchBytesOptions = {}): Promise<Uint8Array> {
  const response = await fetch(url, { headers: options.headers });
  // Origin and path only: query strings of signed URLs are credentials of a sort.
  const label = options.label ?? `${new URL(url).origin}${new URL(url).pathname}`;
  if (!response.ok || !response.body) throw new Error(`download of ${label} failed with HTTP ${response.status}`);
  const limit = options.maxBytes ?? Number.POSITIVE_INFINITY;
  if (Number(response.headers.get('content-length') ?? 0) > limit) {
    await response.body.cancel().catch(() => {});
    throw tooLarge(limit);
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  // Leaving the loop early (too large) cancels the rest of the download.
  for await (const chunk of response.body) {
    total += chunk.byteLength;
    if (total > limit) throw tooLarge(limit);
    chunks.push(chunk);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

function tooLarge(limitBytes: number): AppError {
  return new AppError(ErrorCode.payloadTooLarge, `The file is larger than the ${Math.round(limitBytes / 1048576)} MB upload limit.`, { details: { limitBytes } });
}
