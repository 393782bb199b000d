const SNIFF_BYTES = 64 * 1024;
/** Share of control characters above which bytes are binary, not text. */
const MAX_CONTROL_SHARE = 0.02;

/** Decodes text bytes: UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1252. */
export function decodeText(bytes: Uint8Array): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return new TextDecoder('utf-8').decode(bytes.subarray(3));
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

/** True when the first bytes look like human text (no NUL bytes, almost no control characters). */
export function looksLikeText(bytes: Uint8Array): boolean {
  if (bytes.length === 0) return false;
  const hasUtf16Bom = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
  if (hasUtf16Bom) return true;
  const sample = bytes.subarray(0, SNIFF_BYTES);
  let controls = 0;
  for (const byte of sample) {
    if (byte === 0) return false;
    const isAllowedWhitespace = byte === 0x09 || byte === 0x0a || byte === 0x0c || byte === 0x0d;
    if (byte < 0x20 && !isAllowedWhitespace) controls += 1;
  }
  return controls / sample.length <= MAX_CONTROL_SHARE;
}

/** The decoded start of a text file, enough to sniff its format. */
export function decodeTextSample(bytes: Uint8Array): string {
  return decodeText(bytes.subarray(0, SNIFF_BYTES)).replace(/\uFFFD+$/, '');
}
