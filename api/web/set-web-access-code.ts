import { randomInt } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { HubDatabase } from '../db/database.ts';
import { communities } from '../db/schema/index.ts';
import { invalidInput, notFound } from '../errors/app-error.ts';

/** Letters and digits people cannot confuse when reading a code aloud (no 0/O, 1/I/L). */
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
/** 10 characters of a 31-letter alphabet: about 50 bits, far beyond guessing over a network. */
const GENERATED_CODE_LENGTH = 10;
const MIN_CODE_LENGTH = 6;
const MAX_CODE_LENGTH = 100;

/** A fresh code such as `K7QM-XR4T-2W`, grouped for reading aloud. */
export function generateAccessCode(): string {
  const chars = Array.from({ length: GENERATED_CODE_LENGTH }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('');
  return chars.match(/.{1,4}/g)!.join('-');
}

/**
 * Use to require (or stop requiring) a code for a community's web page. `code: null` opens the page to
 * anyone who reaches the hub; members who entered an older code must enter the new one.
 */
export async function setWebAccessCode(db: HubDatabase, slug: string, code: string | null): Promise<{ slug: string; name: string; code: string | null }> {
  const trimmed = code?.trim() ?? null;
  if (trimmed !== null && (trimmed.length < MIN_CODE_LENGTH || trimmed.length > MAX_CODE_LENGTH)) {
    throw invalidInput(`An access code needs ${MIN_CODE_LENGTH} to ${MAX_CODE_LENGTH} characters.`);
  }
  const [row] = await db
    .update(communities)
    .set({ webAccessCode: trimmed })
    .where(eq(communities.slug, slug.trim().toLowerCase()))
    .returning({ slug: communities.slug, name: communities.name, code: communities.webAccessCode });
  if (!row) throw notFound(`There is no community "${slug}". Communities are created by their first upload or chat message.`);
  return row;
}
