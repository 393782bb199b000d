import type { ChatReply } from '#api/chat/chat-message.ts';
import type { SyncMode } from '#api/sync/sync-status.ts';
import { BlockStyle, type ReplyBlock } from './reply-block.ts';

type CommandReply = Extract<ChatReply, { kind: 'help' | 'welcome' | 'sources' | 'status' | 'subscription' | 'rate-limited' }>;

export interface CommandRenderOptions {
  howToAskInGroups: string;
  commandPrefix: string;
  statusNotes: string[];
}

const SYNC_MODE_TEXT: Record<SyncMode, string> = {
  standalone: 'standalone (this hub does not sync with another)',
  normal: 'normal (in sync with the other hub)',
  offline: 'offline (answers from this instance only)',
  recovery: 'recovery (catching up after an outage)',
};
const TIER_NAMES = { groq: 'Groq (cloud language model)', ollama: 'Ollama (local language model)', quotes: 'Quotes only' } as const;

/** Replies to the commands every platform offers: help, start, sources, status, subscribe, and limits. */
export function renderCommandReply(reply: CommandReply, options: CommandRenderOptions): ReplyBlock[] {
  const p = options.commandPrefix;
  switch (reply.kind) {
    case 'help':
      return helpText(reply.communityName, options);
    case 'welcome':
      return [
        { style: BlockStyle.text, text: `Hello! I answer questions from the documents of ${reply.communityName}, and every answer says where it comes from.` },
        { style: BlockStyle.text, text: `Just write your question. ${p}help shows everything I can do.` },
      ];
    case 'sources':
      return sourcesText(reply, p);
    case 'status':
      return statusText(reply, options.statusNotes);
    case 'subscription':
      return [{ style: BlockStyle.text, text: subscriptionText(reply, p) }];
    case 'rate-limited':
      return [{ style: BlockStyle.text, text: limitText(reply) }];
  }
}

function helpText(communityName: string, options: CommandRenderOptions): ReplyBlock[] {
  const p = options.commandPrefix;
  return [
    { style: BlockStyle.text, text: `I answer questions from the documents of ${communityName}, and every answer lists its sources. When no language model is reachable I quote the documents instead.` },
    { style: BlockStyle.heading, text: 'Ask' },
    { style: BlockStyle.text, text: `Write your question in a direct message. In a group, ${options.howToAskInGroups}. Press 👍 or 👎 under an answer to say whether it helped.` },
    { style: BlockStyle.heading, text: 'Add documents' },
    { style: BlockStyle.text, text: 'Send a PDF, an office document or a photo of a printed page, with a title as its caption if you like. Files from trusted members are processed right away; others wait for a moderator.' },
    { style: BlockStyle.heading, text: 'Commands' },
    {
      style: BlockStyle.list,
      text: [
        `${p}ask <question> — ask in a group`,
        `${p}sources — the documents I answer from`,
        `${p}status — what is working right now`,
        `${p}subscribe / ${p}unsubscribe — community updates in this chat`,
        `${p}help — this text`,
      ].join('\n'),
    },
  ];
}

function sourcesText(reply: Extract<ChatReply, { kind: 'sources' }>, p: string): ReplyBlock[] {
  if (reply.total === 0) return [{ style: BlockStyle.text, text: `${reply.communityName} has no documents yet. Send me a PDF or a photo of a notice to add one.` }];
  const first = (reply.page - 1) * reply.pageSize;
  const lines = reply.documents.map((doc, index) => `${first + index + 1}. ${doc.title}${doc.kind === 'update' ? ' (update)' : ''} — added ${doc.addedAt.slice(0, 10)}`);
  const blocks: ReplyBlock[] = [
    { style: BlockStyle.heading, text: `Documents of ${reply.communityName}, newest first (${reply.total})` },
    { style: BlockStyle.list, text: lines.join('\n') },
  ];
  if (reply.pageCount > 1) {
    const next = reply.page < reply.pageCount ? ` Send ${p}sources ${reply.page + 1} for the next page.` : '';
    blocks.push({ style: BlockStyle.note, text: `Page ${reply.page} of ${reply.pageCount}.${next}` });
  }
  return blocks;
}

function statusText(reply: Extract<ChatReply, { kind: 'status' }>, notes: string[]): ReplyBlock[] {
  const best = reply.tiers.find((tier) => tier.up);
  return [
    { style: BlockStyle.heading, text: 'Answers' },
    { style: BlockStyle.list, text: reply.tiers.map((tier) => `${tier.up ? '✅' : '❌'} ${TIER_NAMES[tier.tier]}: ${tier.up ? 'up' : 'down'} — ${tier.detail}`).join('\n') },
    { style: BlockStyle.text, text: best ? `Questions are answered by: ${TIER_NAMES[best.tier]}.` : 'No way to answer right now.' },
    { style: BlockStyle.heading, text: 'This hub' },
    { style: BlockStyle.text, text: `Mode: ${SYNC_MODE_TEXT[reply.syncMode]}.` },
    ...notes.map((note) => ({ style: BlockStyle.text, text: note })),
  ];
}

function subscriptionText(reply: Extract<ChatReply, { kind: 'subscription' }>, p: string): string {
  if (reply.subscribed) {
    return reply.changed
      ? `Subscribed: updates from the moderators of ${reply.communityName} will be posted here. ${p}unsubscribe stops them.`
      : `This chat already receives updates from ${reply.communityName}.`;
  }
  return reply.changed
    ? `Unsubscribed: no more community updates here. ${p}subscribe turns them back on.`
    : `This chat does not receive community updates. ${p}subscribe turns them on.`;
}

function limitText(reply: Extract<ChatReply, { kind: 'rate-limited' }>): string {
  const wait = formatWait(reply.retryAfterSeconds);
  const what = reply.action === 'upload' ? 'files' : 'questions';
  if (reply.scope === 'chat') return `This group has sent me a lot of ${what} in a short time. Please try again in ${wait}.`;
  return `You have sent me a lot of ${what} in a short time. Please try again in ${wait}; I will answer then.`;
}

/** "40 seconds", "3 minutes", "2 hours". */
export function formatWait(seconds: number): string {
  if (seconds < 60) return `${Math.max(1, Math.round(seconds))} seconds`;
  const minutes = Math.ceil(seconds / 60);
  if (minutes < 60) return minutes === 1 ? '1 minute' : `${minutes} minutes`;
  const hours = Math.ceil(minutes / 60);
  return hours === 1 ? '1 hour' : `${hours} hours`;
}
