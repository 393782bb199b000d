/**
 * Feedback buttons carry `fb:<question id>:<u|d>` (Telegram callback data, Discord custom ids): under
 * 64 bytes, and enough to record a vote without any state in the bot.
 */
export function feedbackToken(questionId: string, helpful: boolean): string {
  return `fb:${questionId}:${helpful ? 'u' : 'd'}`;
}

export function readFeedbackToken(token: string): { questionId: string; helpful: boolean } | null {
  const match = /^fb:([0-9a-f-]{36}):([ud])$/i.exec(token);
  return match ? { questionId: match[1]!, helpful: match[2] === 'u' } : null;
}

export const THUMBS_UP = '👍';
export const THUMBS_DOWN = '👎';
export const FEEDBACK_THANKS = 'Thank you, noted.';
