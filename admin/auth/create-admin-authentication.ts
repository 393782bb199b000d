import type { AuthenticationOptions, buildAuthenticatedRouter } from '@adminjs/fastify';
import type { CurrentAdmin } from 'adminjs';
import { randomBytes } from 'node:crypto';
import type { HubConfig } from '#api/config/load-config.ts';
import type { HubDatabase } from '#api/db/database.ts';
import type { Logger } from '#api/logging/create-logger.ts';
import { createDatabaseSessionStore } from './database-session-store.ts';
import { credentialsMatch } from './credentials-match.ts';
import { createLoginAttemptLimiter } from './login-attempt-limiter.ts';

type SessionOptions = NonNullable<Parameters<typeof buildAuthenticatedRouter>[3]>;

/** A moderator stays logged in this long after their last request. */
export const ADMIN_SESSION_MAX_AGE_MS = 8 * 60 * 60_000;
export const ADMIN_COOKIE_NAME = 'hub_admin';

/**
 * Login check and session settings for the panel. Logged-in sessions live in the database; the cookie
 * is signed with ADMIN_SESSION_SECRET (random per start when unset, which logs everyone out on restart), sent only to /admin, hidden from
 * scripts, and SameSite=Lax so other sites cannot post to the panel with it.
 */
export function createAdminAuthentication(
  config: Pick<HubConfig, 'ADMIN_USERNAME' | 'ADMIN_PASSWORD' | 'ADMIN_SESSION_SECRET'>,
  rootPath: string,
  logger: Logger,
  db: HubDatabase,
): { auth: AuthenticationOptions; session: SessionOptions } {
  const password = config.ADMIN_PASSWORD;
  if (!password) throw new Error('the admin panel needs ADMIN_PASSWORD');
  const account = { username: config.ADMIN_USERNAME, password };
  const secret = config.ADMIN_SESSION_SECRET ?? randomBytes(32).toString('hex');
  const limiter = createLoginAttemptLimiter();
  const authenticate: AuthenticationOptions['authenticate'] = async (username, given, context) => {
    const client = context?.request.ip ?? 'unknown';
    // Counted per address and per account: a guesser rotating addresses (or forged X-Forwarded-For
    // values behind a trusted proxy) still runs out of tries on the account, even for the right password.
    const keys = [`address:${client}`, `account:${String(username).trim().toLowerCase()}`];
    if (!keys.every((key) => limiter.allows(key))) {
      logger.warn({ client }, 'admin login refused: too many failed attempts, try again later');
      return null;
    }
    if (!credentialsMatch(account, username, given)) {
      for (const key of keys) limiter.recordFailure(key);
      logger.info({ client }, 'admin login refused: wrong username or password');
      return null;
    }
    for (const key of keys) limiter.recordSuccess(key);
    // A fresh session id at login, so a session id planted before login is worth nothing after it.
    await context?.request.session.regenerate(['redirectTo']);
    logger.info({ client, username: account.username }, 'admin logged in');
    return { email: account.username, title: 'Moderator' } satisfies CurrentAdmin;
  };
  return {
    auth: { authenticate, cookieName: ADMIN_COOKIE_NAME, cookiePassword: secret },
    session: {
      secret,
      store: createDatabaseSessionStore(db, ADMIN_SESSION_MAX_AGE_MS, logger),
      saveUninitialized: false,
      cookie: { path: rootPath, httpOnly: true, sameSite: 'lax', secure: 'auto', maxAge: ADMIN_SESSION_MAX_AGE_MS },
    },
  };
}
