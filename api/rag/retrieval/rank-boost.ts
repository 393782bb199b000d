import type { ChunkDetails } from './load-chunk-details.ts';

/** A curated answer a moderator wrote for this kind of question beats a passage that merely matches. */
const FAQ_BOOST = 1.5;
/** Recent community updates ("the shelter at the school is open") matter more than old ones. */
const RECENT_UPDATE_BOOST = 1.3;
const RECENT_UPDATE_DAYS = 14;
const DAY_MS = 86_400_000;

/**
 * Multiplier on a chunk's fused score by what it is. Only applied to chunks that retrieval already
 * found relevant, so a FAQ or update never appears for an unrelated question.
 */
export function rankBoost(chunk: Pick<ChunkDetails, 'kind' | 'publishedAt'>, now = Date.now()): number {
  if (chunk.kind === 'faq') return FAQ_BOOST;
  if (chunk.kind === 'update' && chunk.publishedAt && now - chunk.publishedAt.getTime() <= RECENT_UPDATE_DAYS * DAY_MS) {
    return RECENT_UPDATE_BOOST;
  }
  return 1;
}
