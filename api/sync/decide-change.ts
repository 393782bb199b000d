import { compareVersions, mergeVersions, type VersionVector } from './version-vector.ts';

/** The version an instance holds of one entity (its sync_metadata row), or one that arrives. */
export interface EntityVersion {
  version: VersionVector;
  /** Length of the longest edit history behind this version. */
  generation: number;
  revHash: string;
  deleted: boolean;
}

export type ChangeDecision =
  /** The incoming version has seen everything this instance has: write it. */
  | { kind: 'apply'; result: EntityVersion }
  /** This instance already has this version or a later one: nothing to do (idempotent). */
  | { kind: 'already-applied' }
  /** Both moved on but hold the same content: keep the row, remember both histories. */
  | { kind: 'merge-identical'; result: EntityVersion }
  /** Both moved on with different content: keep both, the winner is applied provisionally. */
  | { kind: 'conflict'; incomingWins: boolean; result: EntityVersion };

/**
 * Decides what a received version does to the one held here. Deterministic: two instances holding
 * the same pair of concurrent versions pick the same winner, so they converge without talking.
 */
export function decideChange(local: EntityVersion | null, incoming: EntityVersion): ChangeDecision {
  if (!local) return { kind: 'apply', result: incoming };
  const order = compareVersions(incoming.version, local.version);
  if (order === 'after') return { kind: 'apply', result: incoming };
  if (order !== 'concurrent') return { kind: 'already-applied' };
  const version = mergeVersions(local.version, incoming.version);
  if (local.revHash === incoming.revHash && local.deleted === incoming.deleted) {
    const winner = outranks(incoming, local) ? incoming : local;
    return { kind: 'merge-identical', result: { ...winner, version } };
  }
  const incomingWins = outranks(incoming, local);
  const winner = incomingWins ? incoming : local;
  return { kind: 'conflict', incomingWins, result: { ...winner, version } };
}

/**
 * The provisional winner between concurrent versions: the longer history, then the greater hash (as
 * CouchDB picks). A later edit always has a longer history than what it edited, so whatever order
 * versions arrive in, every instance ends on the greatest one it has seen.
 */
export function outranks(a: Pick<EntityVersion, 'generation' | 'revHash'>, b: Pick<EntityVersion, 'generation' | 'revHash'>): boolean {
  if (a.generation !== b.generation) return a.generation > b.generation;
  return a.revHash > b.revHash;
}

/** Whether two held versions are the same (same history, same content). */
export function sameVersion(a: EntityVersion, b: EntityVersion): boolean {
  return compareVersions(a.version, b.version) === 'equal' && a.revHash === b.revHash && a.deleted === b.deleted;
}

export type { VersionVector };
