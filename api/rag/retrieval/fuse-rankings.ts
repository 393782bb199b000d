/**
 * Reciprocal rank fusion constant. The usual 60 (Cormack et al. 2009) assumes arms of similar
 * strength: it flattens the head of each list so much that the full-text arm's clear winner lost to
 * any chunk the weaker built-in vector arm also liked (hybrid hit@1 0.88 vs full text alone 0.98 on
 * ARAGOG). A small k keeps each arm's head decisive; 2 was best on both eval sets
 * (docs/retrieval-eval.md), 1 and 5 within a question of it.
 */
export const RRF_K = 2;

export interface RankedList {
  /** Chunk ids, best first. */
  ids: string[];
  /** How much this list counts relative to the others. */
  weight: number;
}

/** Use to merge the rankings of the retrieval arms: fused score per id, best first, each id once. */
export function fuseRankings(lists: RankedList[], k = RRF_K): { id: string; score: number }[] {
  const scores = new Map<string, number>();
  for (const list of lists) {
    list.ids.forEach((id, rank) => scores.set(id, (scores.get(id) ?? 0) + list.weight / (k + rank + 1)));
  }
  return [...scores].map(([id, score]) => ({ id, score })).sort((a, b) => b.score - a.score || a.id.localeCompare(b.id));
}
