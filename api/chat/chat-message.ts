import type { ChatPlatform } from '../db/schema/index.ts';
import type { DocumentRow } from '../documents/document-repository.ts';
import type { AnswerResult } from '../rag/answer-types.ts';

/** A message from any chat platform, after the adapter's mapper removed everything platform-specific. */
export interface IncomingChatMessage {
  platform: ChatPlatform;
  chatId: string;
  chatTitle?: string;
  /** A one-to-one conversation with the bot (vs a group room). */
  isDirect: boolean;
  sender: { id: string; displayName?: string };
  /** Text with the bot's mention removed; empty for a bare attachment. */
  text: string;
  attachment?: ChatAttachment;
}

export interface ChatAttachment {
  filename: string;
  sizeBytes?: number;
  /** Fetches the file from the platform; only called once the size is known to be acceptable. */
  download(): Promise<Uint8Array>;
}

/** What the core wants said back; adapters render it for their platform (bot/shared/render-reply.ts). */
export type ChatReply =
  | { kind: 'answer'; answer: AnswerResult }
  | { kind: 'upload-received'; document: Pick<DocumentRow, 'id' | 'filename' | 'status'>; duplicate: boolean }
  | { kind: 'help'; communitySlug: string }
  | { kind: 'problem'; text: string }
  | { kind: 'none' };
