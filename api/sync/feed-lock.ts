/**
 * Advisory lock held by every transaction that takes feed positions (change capture in SQL takes the
 * same number: migration 0005). Held until commit, it makes positions follow commit order, so a reader
 * that has seen position N+1 has seen N.
 */
export const FEED_LOCK = 7212001;
