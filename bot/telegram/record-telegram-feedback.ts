import type { Context } from 'grammy';
import type { Logger } from '#api/logging/create-logger.ts';
import type { HandleFeedback } from '../shared/chat-adapter.ts';
import { FEEDBACK_THANKS, readFeedbackToken } from '../shared/feedback-token.ts';

/** A press on 👍 or 👎: recorded as this person's vote on that answer; Telegram shows the thanks as a toast. */
export async function recordTelegramFeedback(ctx: Context, vote: HandleFeedback, logger: Logger): Promise<void> {
  const query = ctx.callbackQuery;
  const token = query?.data ? readFeedbackToken(query.data) : null;
  if (!query || !token) {
    await ctx.answerCallbackQuery();
    return;
  }
  const recorded = await vote({ platform: 'telegram', questionId: token.questionId, voterId: String(query.from.id), helpful: token.helpful }).catch((error: unknown) => {
    logger.error({ err: error }, 'could not record feedback');
    return false;
  });
  await ctx.answerCallbackQuery({ text: recorded ? FEEDBACK_THANKS : 'That answer is no longer known to the hub.' });
}
