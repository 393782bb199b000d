/**
 * A version vector: for each instance, how many changes it made to one entity. Comparing two tells
 * whether one history contains the other (fast-forward or stale) or both moved on (a conflict), with no
 * clock involved. Keys are instance ids.
 */
export type VersionVector = Readonly<Record<string, number>>;

export type VersionOrder = 'equal' | 'before' | 'after' | 'concurrent';

/** How `a` relates to `b`: `before` means b has seen everything a has and more. */
export function compareVersions(a: VersionVector, b: VersionVector): VersionOrder {
  let aAhead = false;
  let bAhead = false;
  for (const instance of new Set([...Object.keys(a), ...Object.keys(b)])) {
    const left = a[instance] ?? 0;
    const right = b[instance] ?? 0;
    if (left > right) aAhead = true;
    if (right > left) bAhead = true;
  }
  if (aAhead && bAhead) return 'concurrent';
  if (aAhead) return 'after';
  if (bAhead) return 'before';
  return 'equal';
}

/** The smallest version that has seen both: the version of a merge. */
export function mergeVersions(a: VersionVector, b: VersionVector): VersionVector {
  const merged: Record<string, number> = { ...a };
  for (const [instance, count] of Object.entries(b)) merged[instance] = Math.max(merged[instance] ?? 0, count);
  return sortKeys(merged);
}

/** Same vector with keys in a fixed order, so equal vectors serialise alike. */
export function sortKeys(vector: VersionVector): VersionVector {
  return Object.fromEntries(Object.entries(vector).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
