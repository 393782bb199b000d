export interface MatrixBotIdentity {
  userId: string;
  /** The bot's display name: older clients write it as plain text ("Hub: ...") when mentioning. */
  displayName?: string;
}

/** A command prefix people know from other Matrix bots; the bot answers it in any room. */
const ASK_PREFIX = /^!ask\b[,:]?\s*/i;

/** Whether a room message mentions the bot: the m.mentions list, a matrix.to pill, or the user id written out. */
export function mentionsBot(content: Record<string, unknown>, body: string, bot: MatrixBotIdentity): boolean {
  const mentions = content['m.mentions'] as { user_ids?: unknown } | undefined;
  if (Array.isArray(mentions?.user_ids) && mentions.user_ids.includes(bot.userId)) return true;
  const html = typeof content.formatted_body === 'string' ? content.formatted_body : '';
  if (html.includes(`matrix.to/#/${bot.userId}`) || html.includes(`matrix.to/#/${encodeURIComponent(bot.userId)}`)) return true;
  return body.includes(bot.userId);
}

export function startsWithAsk(text: string): boolean {
  return ASK_PREFIX.test(text);
}

/** The question without the quoted message of a reply, "!ask", the bot's id or its "Name:" prefix. */
export function cleanQuestion(body: string, bot: MatrixBotIdentity): string {
  let text = stripReplyFallback(body).replace(ASK_PREFIX, '');
  text = text.replaceAll(bot.userId, '');
  if (bot.displayName) text = text.replace(new RegExp(`^\\s*${escapeRegExp(bot.displayName)}\\b`, 'i'), '');
  return text.replace(/^\s*[,:]/, '').replace(/[ \t]{2,}/g, ' ').trim();
}

/** Replies from older clients start with the quoted message ("> <@ana:x.org> text") and a blank line. */
function stripReplyFallback(body: string): string {
  return body.replace(/^(> .*(\n|$))+\n?/, '');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
