/**
 * Secrets are removed from every log line in one place: the logger passes each finished line through
 * a redactor (see create-logger.ts), so a token inside a message, an error message, a stack, a URL or
 * anywhere down an error's `cause` chain is caught whatever code logged it.
 */

export type Redact = (text: string) => string;

export const REDACTED = '[redacted]';

/** Shorter values are not secrets worth the name, and redacting them would shred ordinary words. */
const MIN_SECRET_LENGTH = 4;

/**
 * Secret shapes recognised without being configured: credentials a library or a peer put into a URL
 * or an error, and keys issued at run time (sync keys are `hubsync_<id>_<secret>`).
 */
const SECRET_PATTERNS: ReadonlyArray<[RegExp, string]> = [
  [/hubsync_[A-Za-z0-9_-]+/g, `hubsync_${REDACTED}`],
  // The password of any URL with credentials: postgresql://user:password@host, https://user:key@host.
  [/([a-z][a-z0-9+.-]*:\/\/[^\s/?#@:"'<>]*):[^\s/?#@"'<>]+@/gi, `$1:${REDACTED}@`],
  // Telegram puts the bot token into every Bot API path: .../bot123456:AA.../getMe
  [/\/bot\d+:[A-Za-z0-9_-]+/g, `/bot${REDACTED}`],
  [/\b\d{5,}:[A-Za-z0-9_-]{30,}\b/g, REDACTED],
  [/\b(bearer|basic)\s+[A-Za-z0-9._~+/=-]{8,}/gi, `$1 ${REDACTED}`],
  [/([?&](?:access_token|api_key|apikey|key|token|secret|password)=)[^&#\s"'<>]+/gi, `$1${REDACTED}`],
  // Well-known key formats: Groq, OpenAI-style, Matrix access tokens.
  [/\bgsk_[A-Za-z0-9]{16,}/g, REDACTED],
  [/\bsk-[A-Za-z0-9_-]{16,}/g, REDACTED],
  [/\bsyt_[A-Za-z0-9_-]{8,}/g, REDACTED],
];

/**
 * A redactor for `secrets` (the configured tokens, keys and passwords) and the well-known secret
 * shapes. Each secret is also matched as it appears percent-encoded in a URL and escaped inside JSON.
 */
export function createRedactor(secrets: Iterable<string | undefined | null>): Redact {
  const literal = literalPattern(secrets);
  return (text) => {
    let result = literal ? text.replace(literal, REDACTED) : text;
    for (const [pattern, replacement] of SECRET_PATTERNS) result = result.replace(pattern, replacement);
    return result;
  };
}

/** The pattern-only redactor, for output made before the configuration is known. */
export const redactSecretShapes: Redact = createRedactor([]);

function literalPattern(secrets: Iterable<string | undefined | null>): RegExp | null {
  const forms = new Set<string>();
  for (const secret of secrets) {
    if (!secret || secret.length < MIN_SECRET_LENGTH) continue;
    for (const form of [secret, encodeURIComponent(secret), jsonEscaped(secret), jsonEscaped(encodeURIComponent(secret))]) forms.add(form);
  }
  if (forms.size === 0) return null;
  // Longest first, so a secret that contains another is removed whole.
  const alternatives = [...forms].sort((a, b) => b.length - a.length).map(escapeRegExp);
  return new RegExp(alternatives.join('|'), 'g');
}

function jsonEscaped(text: string): string {
  return JSON.stringify(text).slice(1, -1);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}
