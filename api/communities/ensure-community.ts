import { eq } from 'drizzle-orm';
import type { HubDatabase } from '../db/database.ts';
import { nameBasedId } from '../db/name-based-id.ts';
import { communities } from '../db/schema/index.ts';
import { invalidInput } from '../errors/app-error.ts';

const SLUG = /^[a-z0-9][a-z0-9-]{0,62}$/;

/** The community with this slug, created on first use (uploads and questions name communities by slug). */
export async function ensureCommunity(db: HubDatabase, slug: string): Promise<{ id: string; slug: string }> {
  const normalised = slug.trim().toLowerCase();
  if (!SLUG.test(normalised)) {
    throw invalidInput(`"${slug}" is not a community name: use lowercase letters, digits and dashes (e.g. riverside-north)`);
  }
  const existing = await findCommunity(db, normalised);
  if (existing) return existing;
  // Named by its slug, so the same community created on two instances before they sync is one entity.
  await db.insert(communities).values({ id: nameBasedId('community', normalised), slug: normalised, name: normalised }).onConflictDoNothing();
  const created = await findCommunity(db, normalised);
  if (!created) throw new Error(`community ${normalised} vanished right after being created`);
  return created;
}

/** The community with this slug, or null. */
export async function findCommunity(db: HubDatabase, slug: string): Promise<{ id: string; slug: string } | null> {
  const [row] = await db.select({ id: communities.id, slug: communities.slug }).from(communities).where(eq(communities.slug, slug.trim().toLowerCase()));
  return row ?? null;
}
