import type { ChatPlatform } from '../db/schema/index.ts';
import type { DocumentRow } from '../documents/document-repository.ts';
import type { AnswerResult } from '../rag/answer-types.ts';
import type { SyncMode } from '../sync/sync-status.ts';

/** Commands every platform offers (Telegram and Discord as `/name`, Matrix as `!name` or `/name`). */
export const chatCommands = ['help', 'start', 'sources', 'status', 'subscribe', 'unsubscribe', 'ask'] as const;
export type ChatCommand = (typeof chatCommands)[number];

/** A message from any chat platform, after the adapter's mapper removed everything platform-specific. */
export interface IncomingChatMessage {
  platform: ChatPlatform;
  chatId: string;
  chatTitle?: string;
  /** A one-to-one conversation with the bot (vs a group room). */
  isDirect: boolean;
  sender: { id: string; displayName?: string };
  /** Text with the bot's mention (and the command) removed; empty for a bare attachment. */
  text: string;
  /** The command the adapter recognised; `text` then holds its arguments (`/sources 2` -> "2"). */
  command?: ChatCommand;
  /**
   * Whether the sender administers this group on the platform (Telegram group admin, Discord Manage
   * Server, Matrix power level 50). Asked only when a command changes the chat for everyone.
   */
  isChatAdmin?: () => Promise<boolean>;
  attachment?: ChatAttachment;
}

export interface ChatAttachment {
  filename: string;
  sizeBytes?: number;
  /** Fetches the file from the platform; only called once the size is known to be acceptable. */
  download(): Promise<Uint8Array>;
}

/** A 👍 or 👎 under an answer. */
export interface FeedbackVote {
  platform: ChatPlatform;
  questionId: string;
  voterId: string;
  helpful: boolean;
}

/** One entry of `/sources`. */
export interface SourceListing {
  title: string;
  /** file, faq or update. */
  kind: string;
  addedAt: string;
}

/** One answer tier in `/status`, strongest first. */
export interface AnswerTierStatus {
  tier: 'groq' | 'ollama' | 'quotes';
  up: boolean;
  detail: string;
}

/** What the core wants said back; adapters render it for their platform (bot/shared/render-reply.ts). */
export type ChatReply =
  | { kind: 'answer'; answer: AnswerResult }
  | { kind: 'upload-received'; document: Pick<DocumentRow, 'id' | 'filename' | 'status'>; duplicate: boolean }
  /** `communityName` is the display name a moderator can set, never the internal slug. */
  | { kind: 'help'; communityName: string }
  | { kind: 'welcome'; communityName: string }
  | { kind: 'sources'; communityName: string; documents: SourceListing[]; page: number; pageCount: number; pageSize: number; total: number }
  | { kind: 'status'; tiers: AnswerTierStatus[]; syncMode: SyncMode; syncServer: string | null }
  | { kind: 'subscription'; subscribed: boolean; changed: boolean; communityName: string }
  | { kind: 'rate-limited'; action: 'question' | 'upload'; retryAfterSeconds: number; scope: 'person' | 'chat' }
  | { kind: 'problem'; text: string }
  | { kind: 'none' };
