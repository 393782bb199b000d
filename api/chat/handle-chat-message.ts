import type { HubCore } from '../core/hub-core.ts';
import { uploadDocument } from '../documents/upload-document.ts';
import { AppError, ErrorCode, describeError } from '../errors/app-error.ts';
import { answerQuestion } from '../rag/answer-question.ts';
import type { ChatReply, IncomingChatMessage } from './chat-message.ts';
import { parseChatAdmins, resolveChatContext, type ChatContext } from './resolve-chat-context.ts';

const HELP_WORDS = new Set(['', '/start', '/help', 'help', '?']);

/**
 * The core's answer to one chat message addressed to the bot: a question gets a cited answer, an
 * attachment becomes a document (queued, or waiting for a moderator). Never throws: problems become a
 * reply the person can act on; unexpected errors are logged and answered with a generic line.
 */
export async function handleChatMessage(core: HubCore, message: IncomingChatMessage): Promise<ChatReply> {
  const log = core.logger.child({ platform: message.platform, chatId: message.chatId });
  try {
    const context = await resolveChatContext(core.db, message, parseChatAdmins(core.config.CHAT_ADMINS));
    if (message.attachment) return await receiveAttachment(core, message, context);
    const question = message.text.trim();
    if (HELP_WORDS.has(question.toLowerCase())) return { kind: 'help', communitySlug: context.communitySlug };
    const answer = await answerQuestion(core.rag, {
      question,
      communityId: context.communityId,
      channel: message.platform,
      chatId: message.chatId,
      askerId: message.sender.id,
    });
    return { kind: 'answer', answer };
  } catch (error) {
    if (!(error instanceof AppError)) log.error({ err: error }, 'chat message failed');
    return { kind: 'problem', text: describeError(error) };
  }
}

async function receiveAttachment(core: HubCore, message: IncomingChatMessage, context: ChatContext): Promise<ChatReply> {
  const attachment = message.attachment!;
  if (attachment.sizeBytes !== undefined && attachment.sizeBytes > core.config.UPLOAD_MAX_BYTES) {
    throw new AppError(ErrorCode.payloadTooLarge, `${attachment.filename} is larger than the ${Math.round(core.config.UPLOAD_MAX_BYTES / 1048576)} MB limit.`);
  }
  const bytes = await attachment.download();
  const { document, duplicate } = await uploadDocument(core, {
    bytes,
    filename: attachment.filename,
    community: context.communitySlug,
    title: message.text.trim() || null,
    uploader: { via: message.platform, memberId: context.memberId, role: context.role, label: `${message.platform}:${message.sender.displayName ?? message.sender.id}` },
  });
  return { kind: 'upload-received', document: { id: document.id, filename: document.filename, status: document.status }, duplicate };
}
