/** Document-level retrieval quality over a question set. */
export interface RankingScores {
  questions: number;
  hitAt1: number;
  hitAt5: number;
  mrr: number;
}

/** Rank (1-based) of the first right document in a ranked list of file names, or null. */
export function rankOfRight(ranked: string[], right: string[]): number | null {
  const index = ranked.findIndex((name) => right.includes(name));
  return index === -1 ? null : index + 1;
}

/** hit@1, hit@5 and mean reciprocal rank from the rank of the right document per question. */
export function scoreRankings(ranks: (number | null)[]): RankingScores {
  const n = ranks.length || 1;
  const share = (predicate: (rank: number) => boolean) => ranks.filter((r) => r !== null && predicate(r)).length / n;
  return {
    questions: ranks.length,
    hitAt1: share((r) => r === 1),
    hitAt5: share((r) => r <= 5),
    mrr: ranks.reduce<number>((sum, r) => sum + (r ? 1 / r : 0), 0) / n,
  };
}
