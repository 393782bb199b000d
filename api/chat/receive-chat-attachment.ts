import type { HubCore } from '../core/hub-core.ts';
import { chatUploads } from '../db/schema/index.ts';
import { uploadDocument } from '../documents/upload-document.ts';
import { AppError, ErrorCode } from '../errors/app-error.ts';
import type { ChatReply, IncomingChatMessage } from './chat-message.ts';
import { cleanChatText } from './clean-chat-text.ts';
import type { ChatContext } from './resolve-chat-context.ts';

/**
 * A file sent to the bot becomes a document of the chat's community, and the chat it came from is
 * remembered so the uploader hears there when a moderator approves or rejects it, or it fails.
 */
export async function receiveChatAttachment(core: HubCore, message: IncomingChatMessage, context: ChatContext): Promise<ChatReply> {
  const attachment = message.attachment!;
  const filename = cleanChatText(attachment.filename).trim() || 'file';
  if (attachment.sizeBytes !== undefined && attachment.sizeBytes > core.config.UPLOAD_MAX_BYTES) {
    throw new AppError(ErrorCode.payloadTooLarge, `${filename} is larger than the ${Math.round(core.config.UPLOAD_MAX_BYTES / 1048576)} MB limit.`);
  }
  const bytes = await attachment.download();
  const { document, duplicate } = await uploadDocument(core, {
    bytes,
    filename,
    community: context.communitySlug,
    title: message.text.trim() || null,
    uploader: { via: message.platform, memberId: context.memberId, role: context.role, label: `${message.platform}:${message.sender.displayName ?? message.sender.id}` },
  });
  if (!duplicate) {
    await core.db
      .insert(chatUploads)
      .values({ documentId: document.id, platform: message.platform, chatId: message.chatId, senderId: message.sender.id, awaitedReview: document.status === 'pending_review' })
      .onConflictDoNothing();
  }
  return { kind: 'upload-received', document: { id: document.id, filename: document.filename, status: document.status }, duplicate };
}
