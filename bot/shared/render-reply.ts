import type { ChatReply } from '#api/chat/chat-message.ts';
import type { AnswerResult } from '#api/rag/answer-types.ts';
import { EXTRACTIVE_LABEL } from '#api/rag/llm/extractive-answer.ts';
import { formatPages } from './format-pages.ts';

/** How a paragraph should look; adapters map these to HTML, Markdown or plain text. */
export const BlockStyle = {
  /** Ordinary text from the core (answers, receipts); shown literally, never as markup. */
  text: 'text',
  /** A caveat the reader must not miss, e.g. "no language model answered, these are quotes". */
  note: 'note',
  heading: 'heading',
  /** Numbered lines, one per source; `[n]` in the answer refers to line n. */
  list: 'list',
} as const;
export type BlockStyle = (typeof BlockStyle)[keyof typeof BlockStyle];

export interface ReplyBlock {
  style: BlockStyle;
  text: string;
}

export interface RenderOptions {
  /** The platform's way to address the bot in a group, for the help text ("mention @hub_bot"). */
  howToAskInGroups: string;
}

/** Use for every reply an adapter sends: the core's ChatReply as styled paragraphs, or null to stay silent. */
export function renderReply(reply: ChatReply, options: RenderOptions): ReplyBlock[] | null {
  switch (reply.kind) {
    case 'answer':
      return renderAnswer(reply.answer);
    case 'upload-received':
      return [{ style: BlockStyle.text, text: uploadReceipt(reply.document, reply.duplicate) }];
    case 'help':
      return helpText(reply.communitySlug, options);
    case 'problem':
      return [{ style: BlockStyle.text, text: reply.text }];
    case 'none':
      return null;
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
  blocks.push({ style: BlockStyle.text, text: body });
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
  if (document.status === 'pending_review') return `Received ${name}. A moderator will review it before I use it in answers.`;
  return `Received ${name}. It is being processed; you can ask about it in a few minutes.`;
}

function helpText(communitySlug: string, options: RenderOptions): ReplyBlock[] {
  return [
    { style: BlockStyle.text, text: `I answer questions from the documents of the "${communitySlug}" community, and every answer lists its sources.` },
    { style: BlockStyle.heading, text: 'Ask' },
    { style: BlockStyle.text, text: `Write your question in a direct message. In a group, ${options.howToAskInGroups}.` },
    { style: BlockStyle.heading, text: 'Add documents' },
    {
      style: BlockStyle.text,
      text: 'Send a PDF, an office document or a photo of a printed page, with a title as its caption if you like. Files from trusted members are processed right away; others wait for a moderator.',
    },
  ];
}
