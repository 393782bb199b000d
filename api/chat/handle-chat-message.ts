import type { HubCore } from '../core/hub-core.ts';
import { AppError, describeError } from '../errors/app-error.ts';
import { answerQuestion } from '../rag/answer-question.ts';
import { readSyncStatus } from '../sync/sync-status.ts';
import { createAnswerTierProbe } from './probe-answer-tiers.ts';
import type { ChatReply, IncomingChatMessage } from './chat-message.ts';
import { cleanChatText, cleanOptionalChatText } from './clean-chat-text.ts';
import { listChatSources } from './list-chat-sources.ts';
import { createRateLimiter, type RateLimiter } from './rate-limiter.ts';
import { readCommand } from './read-command.ts';
import { receiveChatAttachment } from './receive-chat-attachment.ts';
import { parseChatAdmins, resolveChatContext, type ChatContext } from './resolve-chat-context.ts';
import { setChatSubscription } from './set-chat-subscription.ts';

const HELP_WORDS = new Set(['', 'help', '?']);
const MODERATOR_ROLES = new Set(['moderator', 'admin']);

/** Per-process state of the chat entry point: rate limits and the cached /status probe. */
interface ChatState {
  limiter: RateLimiter;
  probeTiers: ReturnType<typeof createAnswerTierProbe>;
}
const states = new WeakMap<HubCore, ChatState>();

function stateOf(core: HubCore): ChatState {
  let state = states.get(core);
  if (!state) {
    state = { limiter: createRateLimiter(), probeTiers: createAnswerTierProbe(core.config, core.rag.chatProviders) };
    states.set(core, state);
  }
  return state;
}

/**
 * The core's answer to one chat message addressed to the bot: a question gets a cited answer, an
 * attachment becomes a document (queued, or waiting for a moderator), a command gets its reply. Never
 * throws: problems become a reply the person can act on; unexpected errors are logged and answered
 * with a generic line.
 */
export async function handleChatMessage(core: HubCore, incoming: IncomingChatMessage): Promise<ChatReply> {
  const log = core.logger.child({ platform: incoming.platform, chatId: incoming.chatId });
  try {
    const message = cleanMessage(incoming);
    const context = await resolveChatContext(core.db, message, parseChatAdmins(core.config.CHAT_ADMINS));
    if (message.attachment) return await receiveUpload(core, message, context);
    return await answerText(core, message, context);
  } catch (error) {
    if (!(error instanceof AppError)) log.error({ err: error }, 'chat message failed');
    return { kind: 'problem', text: describeError(error) };
  }
}

async function answerText(core: HubCore, message: IncomingChatMessage, context: ChatContext): Promise<ChatReply> {
  const typed = message.command ? { command: message.command, args: message.text.trim() } : readCommand(message.text);
  const command = typed?.command ?? 'ask';
  const args = typed ? typed.args : message.text.trim();
  switch (command) {
    case 'help':
      return { kind: 'help', communityName: context.communityName };
    case 'start':
      return { kind: 'welcome', communityName: context.communityName };
    case 'sources':
      return { kind: 'sources', communityName: context.communityName, ...(await listChatSources(core.db, context.communityId, Number.parseInt(args, 10) || 1)) };
    case 'status':
      return statusReply(core);
    case 'subscribe':
    case 'unsubscribe':
      return changeSubscription(core, message, context, command === 'subscribe');
    case 'ask':
      if (HELP_WORDS.has(args.toLowerCase())) return { kind: 'help', communityName: context.communityName };
      return askQuestion(core, message, context, args);
  }
}

async function askQuestion(core: HubCore, message: IncomingChatMessage, context: ChatContext, question: string): Promise<ChatReply> {
  const limited = checkLimits(core, message, 'question');
  if (limited) return limited;
  const answer = await answerQuestion(core.rag, { question, communityId: context.communityId, channel: message.platform, chatId: message.chatId, askerId: message.sender.id });
  return { kind: 'answer', answer };
}

async function receiveUpload(core: HubCore, message: IncomingChatMessage, context: ChatContext): Promise<ChatReply> {
  return checkLimits(core, message, 'upload') ?? receiveChatAttachment(core, message, context);
}

/** Per person, and per group chat for questions; null when the message may go ahead. */
function checkLimits(core: HubCore, message: IncomingChatMessage, action: 'question' | 'upload'): ChatReply | null {
  const { limiter } = stateOf(core);
  const config = core.config;
  const checks: Array<{ key: string; perHour: number; scope: 'person' | 'chat' }> = [
    action === 'question'
      ? { key: `question:${message.platform}:${message.sender.id}`, perHour: config.CHAT_USER_QUESTIONS_PER_HOUR, scope: 'person' }
      : { key: `upload:${message.platform}:${message.sender.id}`, perHour: config.CHAT_USER_UPLOADS_PER_HOUR, scope: 'person' },
  ];
  if (action === 'question' && !message.isDirect) checks.push({ key: `chat:${message.platform}:${message.chatId}`, perHour: config.CHAT_GROUP_QUESTIONS_PER_HOUR, scope: 'chat' });
  for (const check of checks) {
    const decision = limiter.take(check.key, check.perHour);
    if (decision.allowed) continue;
    if (!decision.firstRefusal) return { kind: 'none' };
    return { kind: 'rate-limited', action, scope: check.scope, retryAfterSeconds: Math.ceil(decision.retryAfterMs / 1000) };
  }
  return null;
}

async function statusReply(core: HubCore): Promise<ChatReply> {
  const [tiers, sync] = await Promise.all([stateOf(core).probeTiers(), readSyncStatus({ db: core.db, config: core.config })]);
  return { kind: 'status', tiers, syncMode: sync.mode, syncServer: sync.serverUrl };
}

async function changeSubscription(core: HubCore, message: IncomingChatMessage, context: ChatContext, subscribe: boolean): Promise<ChatReply> {
  // In a group the setting is everyone's: only the group's admins or the hub's moderators change it.
  if (!message.isDirect && !MODERATOR_ROLES.has(context.role) && !(await message.isChatAdmin?.().catch(() => false))) {
    return { kind: 'problem', text: `Only an admin of this group or a moderator of the hub can ${subscribe ? 'subscribe' : 'unsubscribe'} the whole group.` };
  }
  const { changed } = await setChatSubscription(core.db, message, subscribe);
  return { kind: 'subscription', subscribed: subscribe, changed, communityName: context.communityName };
}

function cleanMessage(message: IncomingChatMessage): IncomingChatMessage {
  return {
    ...message,
    chatId: cleanChatText(message.chatId),
    chatTitle: cleanOptionalChatText(message.chatTitle),
    sender: { id: cleanChatText(message.sender.id), displayName: cleanOptionalChatText(message.sender.displayName) },
    text: cleanChatText(message.text),
  };
}

