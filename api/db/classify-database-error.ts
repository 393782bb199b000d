/**
 * What a database error means to a caller, whichever driver raised it (node-postgres, PGlite) and
 * however deep drizzle or a use case wrapped it: the database is gone (503), or the input could not be
 * stored as text (400). Anything else stays a bug.
 */

/** SQLSTATE classes and codes that mean the server cannot serve now, not that the query was wrong. */
const UNAVAILABLE_SQLSTATE = [/^08/, /^53/, /^57P0[1-4]$/, /^58/];
/** Text PostgreSQL refuses to store: a NUL byte in text (22021) or a \u0000 escape in JSON (22P05). */
const UNSTORABLE_TEXT_SQLSTATE = new Set(['22021', '22P05']);
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE', 'ECONNABORTED']);
const UNAVAILABLE_MESSAGES = [
  /Connection terminated/i,
  /timeout exceeded when trying to connect/i,
  /Cannot use a pool after calling end/i,
  /Client has encountered a connection error/i,
  /Client was closed and is not queryable/i,
  /PGlite is closed/i,
];

/** True when some error in the chain says the database cannot be reached or cannot serve. */
export function isDatabaseUnavailable(error: unknown): boolean {
  return someInChain(error, (link) => {
    const code = typeof link.code === 'string' ? link.code : '';
    if (NETWORK_CODES.has(code) || UNAVAILABLE_SQLSTATE.some((pattern) => pattern.test(code))) return true;
    return typeof link.message === 'string' && UNAVAILABLE_MESSAGES.some((pattern) => pattern.test(link.message as string));
  });
}

/** True when the database refused a value because of a NUL byte. */
export function isUnstorableText(error: unknown): boolean {
  return someInChain(error, (link) => typeof link.code === 'string' && UNSTORABLE_TEXT_SQLSTATE.has(link.code));
}

type ErrorLink = { code?: unknown; message?: unknown; cause?: unknown; errors?: unknown };

function someInChain(error: unknown, test: (link: ErrorLink) => boolean, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 8) return false;
  const link = error as ErrorLink;
  if (test(link)) return true;
  if (Array.isArray(link.errors) && link.errors.some((inner) => someInChain(inner, test, depth + 1))) return true;
  return someInChain(link.cause, test, depth + 1);
}
