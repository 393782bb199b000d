import { retrieveChunks, RetrievalMode } from '../../api/rag/retrieval/retrieve-chunks.ts';
import type { RagServices } from '../../api/rag/rag-services.ts';
import { MAX_CITATIONS } from '../../api/rag/prepare-answer.ts';
import type { EvalQuestion } from './eval-questions.ts';
import { rankOfRight, scoreRankings, type RankingScores } from './score-rankings.ts';

/** Chunks retrieved per question to rank documents (distinct documents in chunk order). */
const CHUNKS_FOR_DOCUMENT_RANKING = 30;

export interface ModeReport extends RankingScores {
  mode: RetrievalMode;
  /** Share of questions whose right document is among the passages an answer cites. */
  inCitations: number;
  misses: { q: string; expected: string[]; got: string[] }[];
}

/** Use to score each retrieval mode on a question set over already indexed documents. */
export async function runRetrievalEval(services: RagServices, questions: EvalQuestion[]): Promise<ModeReport[]> {
  const reports: ModeReport[] = [];
  for (const mode of [RetrievalMode.vector, RetrievalMode.fullText, RetrievalMode.hybrid]) {
    const ranks: (number | null)[] = [];
    let cited = 0;
    const misses: ModeReport['misses'] = [];
    for (const question of questions) {
      const { chunks } = await retrieveChunks(services, { question: question.q, communityId: null, k: CHUNKS_FOR_DOCUMENT_RANKING, mode });
      const ranked = [...new Set(chunks.map((c) => c.filename))];
      const rank = rankOfRight(ranked, question.docs);
      ranks.push(rank);
      if (chunks.slice(0, MAX_CITATIONS).some((c) => question.docs.includes(c.filename))) cited++;
      if (rank !== 1) misses.push({ q: question.q, expected: question.docs, got: ranked.slice(0, 3) });
    }
    reports.push({ mode, ...scoreRankings(ranks), inCitations: cited / (questions.length || 1), misses });
  }
  return reports;
}
