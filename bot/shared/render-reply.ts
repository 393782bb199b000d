import type { ChatReply } from '#api/chat/chat-message.ts';
import type { AnswerResult } from '#api/rag/answer-types.ts';
import { EXTRACTIVE_LABEL } from '#api/rag/llm/extractive-answer.ts';
import { answerBlocks } from './answer-blocks.ts';
import { formatPages } from './format-pages.ts';
import { BlockStyle, type ReplyBlock } from './reply-block.ts';
import { renderCommandReply } from './render-command-reply.ts';

export { BlockStyle, type ReplyBlock } from './reply-block.ts';

export interface RenderOptions {
  /** The platform's way to address the bot in a group, for the help text ("mention @hub_bot"). */
  howToAskInGroups: string;
  /** How commands are typed: `/` (Telegram, Discord) or `!` (Matrix). */
  commandPrefix?: string;
  /** Lines the platform adds to `/status` (e.g. what works in encrypted Matrix rooms). */
  statusNotes?: string[];
}

/** Use for every reply an adapter sends: the core's ChatReply as styled paragraphs, or null to stay silent. */
export function renderReply(reply: ChatReply, options: RenderOptions): ReplyBlock[] | null {
  switch (reply.kind) {
    case 'answer':
      return renderAnswer(reply.answer);
    case 'upload-received':
      return [{ style: BlockStyle.text, text: uploadReceipt(reply.document, reply.duplicate) }];
    case 'problem':
      return [{ style: BlockStyle.text, text: reply.text }];
    case 'none':
      return null;
    default:
      return renderCommandReply(reply, { commandPrefix: '/', statusNotes: [], ...options });
  }
}

function renderAnswer(answer: AnswerResult): ReplyBlock[] {
  const blocks: ReplyBlock[] = [];
  let body = answer.answer.trim();
  if (answer.provider === 'extractive') {
    // The core puts the label in the text; lifting it out lets adapters make it stand out.
    if (body.startsWith(EXTRACTIVE_LABEL)) body = body.slice(EXTRACTIVE_LABEL.length).trim();
    blocks.push({ style: BlockStyle.note, text: EXTRACTIVE_LABEL });
  }
  blocks.push(...answerBlocks(body));
  if (answer.citations.length > 0) {
    blocks.push({ style: BlockStyle.heading, text: 'Sources' });
    blocks.push({ style: BlockStyle.list, text: answer.citations.map((citation, index) => `${index + 1}. ${sourceLine(citation)}`).join('\n') });
  }
  return blocks;
}

/** "Flood guide — Before a flood > Sandbags, pp. 3–5" (the filename when the document has no title). */
function sourceLine(citation: AnswerResult['citations'][number]): string {
  const pages = formatPages(citation.pages);
  return [citation.title?.trim() || citation.filename, citation.section ? ` — ${citation.section}` : '', pages ? `, ${pages}` : ''].join('');
}

type ReceivedDocument = Extract<ChatReply, { kind: 'upload-received' }>['document'];

function uploadReceipt(document: ReceivedDocument, duplicate: boolean): string {
  const name = document.filename;
  if (duplicate) {
    switch (document.status) {
      case 'rejected':
        return `${name} was sent before and a moderator decided not to use it.`;
      case 'failed':
        return `${name} was sent before, but the hub could not read it. A moderator can look at why.`;
      case 'pending_review':
        return `${name} was sent before and is still waiting for a moderator.`;
      default:
        return `${name} is already in the hub; nothing more to do.`;
    }
  }
  if (document.status === 'pending_review') return `Received ${name}. A moderator will review it before I use it in answers. I will tell you here when they decide.`;
  return `Received ${name}. It is being processed; you can ask about it in a few minutes.`;
}
