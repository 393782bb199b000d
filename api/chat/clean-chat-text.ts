/** NUL and the other C0 controls except tab and newline: PostgreSQL refuses NUL in text, and none of them mean anything in chat. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000b-\u001f\u007f]/g;

/**
 * Use on every string a chat platform hands the core (names, titles, questions): a NUL byte in a
 * display name must not stop that person from using the bot, so it is dropped, not refused.
 */
export function cleanChatText(text: string): string {
  return text.replace(CONTROL_CHARACTERS, '');
}

/** cleanChatText for optional fields; empty after cleaning counts as absent. */
export function cleanOptionalChatText(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const cleaned = cleanChatText(text).trim();
  return cleaned === '' ? undefined : cleaned;
}
