import { eq, sql } from 'drizzle-orm';
import type { HubDatabase } from '../db/database.ts';
import { answerFeedback, questionLog } from '../db/schema/index.ts';
import { cleanChatText } from './clean-chat-text.ts';
import type { FeedbackVote } from './chat-message.ts';

export type FeedbackOutcome = { recorded: true; helpful: number; notHelpful: number } | { recorded: false; reason: 'unknown-question' };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Use when someone presses 👍 or 👎 under an answer: one vote per person per answer (voting again
 * replaces it), and question_log.feedback summarises the votes: `not_helpful` as soon as 👎 are at
 * least as many as 👍, because that is what a moderator needs to look at.
 */
export async function recordAnswerFeedback(db: HubDatabase, vote: FeedbackVote): Promise<FeedbackOutcome> {
  if (!UUID.test(vote.questionId)) return { recorded: false, reason: 'unknown-question' };
  const [question] = await db.select({ id: questionLog.id }).from(questionLog).where(eq(questionLog.id, vote.questionId));
  if (!question) return { recorded: false, reason: 'unknown-question' };
  const value = vote.helpful ? 'helpful' : 'not_helpful';
  await db
    .insert(answerFeedback)
    .values({ questionId: vote.questionId, platform: vote.platform, voterId: cleanChatText(vote.voterId), value })
    .onConflictDoUpdate({ target: [answerFeedback.questionId, answerFeedback.platform, answerFeedback.voterId], set: { value, updatedAt: new Date() } });
  const [tally] = await db
    .select({
      helpful: sql<number>`count(*) filter (where ${answerFeedback.value} = 'helpful')::int`,
      notHelpful: sql<number>`count(*) filter (where ${answerFeedback.value} = 'not_helpful')::int`,
    })
    .from(answerFeedback)
    .where(eq(answerFeedback.questionId, vote.questionId));
  const helpful = Number(tally?.helpful ?? 0);
  const notHelpful = Number(tally?.notHelpful ?? 0);
  const summary = notHelpful > 0 && notHelpful >= helpful ? 'not_helpful' : helpful > 0 ? 'helpful' : null;
  await db.update(questionLog).set({ feedback: summary }).where(eq(questionLog.id, vote.questionId));
  return { recorded: true, helpful, notHelpful };
}
