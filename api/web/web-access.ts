import { createHash, timingSafeEqual } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { HubDatabase } from '../db/database.ts';
import { communities } from '../db/schema/index.ts';
import { AppError, ErrorCode, notFound } from '../errors/app-error.ts';

/** A community as the members' page sees it. */
export interface WebCommunity {
  id: string;
  slug: string;
  name: string;
  accessCodeRequired: boolean;
}

/** Why a request was refused, for the page to show the right form (`details.reason` of a 403). */
export const ACCESS_CODE_REQUIRED = 'access_code_required';

/**
 * The cookie that remembers a member entered a community's code. A cookie (not a header) so that plain
 * links, such as a cited PDF opened at its page, carry it too.
 */
export function accessCookieName(slug: string): string {
  return `hub_access_${slug}`;
}

/** What the cookie holds: a hash of slug and code, so changing the code shuts out old cookies. */
export function accessCookieValue(slug: string, code: string): string {
  return createHash('sha256').update(`${slug}\n${code}`).digest('base64url');
}

/** The community with this slug and whether it needs a code; null when there is none. */
export async function findWebCommunity(db: HubDatabase, slug: string): Promise<(WebCommunity & { code: string | null }) | null> {
  const [row] = await db
    .select({ id: communities.id, slug: communities.slug, name: communities.name, code: communities.webAccessCode })
    .from(communities)
    .where(eq(communities.slug, slug.trim().toLowerCase()));
  if (!row) return null;
  return { ...row, accessCodeRequired: Boolean(row.code) };
}

/** True when the request's cookies show the member entered this community's current code (or it needs none). */
export function isAdmitted(community: { slug: string; code: string | null }, cookies: Record<string, string>): boolean {
  if (!community.code) return true;
  const presented = Buffer.from(cookies[accessCookieName(community.slug)] ?? '');
  const expected = Buffer.from(accessCookieValue(community.slug, community.code));
  return presented.length === expected.length && timingSafeEqual(presented, expected);
}

/**
 * Use in every members' page route that reads or writes a community's data: the community named by
 * the page (null: global documents only), or an error the page turns into its code form.
 */
export async function admitWebMember(db: HubDatabase, slug: string | undefined, cookies: Record<string, string>): Promise<WebCommunity | null> {
  if (!slug) return null;
  const community = await findWebCommunity(db, slug);
  if (!community) throw notFound(`There is no community "${slug}" on this hub. Check the link you were given.`);
  if (!isAdmitted(community, cookies)) {
    throw new AppError(ErrorCode.forbidden, `The community "${community.name}" needs its access code (or an invite link).`, {
      details: { reason: ACCESS_CODE_REQUIRED, community: community.slug },
    });
  }
  return { id: community.id, slug: community.slug, name: community.name, accessCodeRequired: community.accessCodeRequired };
}

/** Parses a Cookie header into name -> value (values are URL-decoded when they can be). */
export function readCookies(header: string | undefined): Record<string, string> {
  const cookies: Record<string, string> = {};
  for (const pair of (header ?? '').split(';')) {
    const at = pair.indexOf('=');
    if (at <= 0) continue;
    const name = pair.slice(0, at).trim();
    const raw = pair.slice(at + 1).trim();
    try {
      cookies[name] = decodeURIComponent(raw);
    } catch {
      cookies[name] = raw;
    }
  }
  return cookies;
}
