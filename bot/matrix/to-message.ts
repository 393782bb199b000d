import type { ChatAttachment, IncomingChatMessage } from '#api/chat/chat-message.ts';
import { readCommand } from '#api/chat/read-command.ts';
import { cleanQuestion, mentionsBot, startsWithAsk, type MatrixBotIdentity } from './addressed-to-bot.ts';

export type { MatrixBotIdentity } from './addressed-to-bot.ts';

/** A room event as the sync delivers it (MatrixEvent.event); tests pass plain objects. */
export interface MatrixEventLike {
  type?: string;
  sender?: string;
  content?: Record<string, unknown>;
}

/** What the SDK layer knows about the room the event is in. */
export interface MatrixRoomFacts {
  roomId: string;
  name?: string;
  /** Two members: the bot and one person. */
  isDirect: boolean;
  /** Sender of the event this one replies to, when the client has that event. */
  repliedToSender?: string;
  senderDisplayName?: string;
}

export type DownloadMatrixMedia = (mxcUrl: string) => Promise<Uint8Array>;

/**
 * A Matrix room message as the core's neutral message, or null when the bot should stay quiet: its own
 * messages, notices (other bots talk in m.notice, so answering them could loop), edits, emotes, audio
 * and video, encrypted attachments, and group-room messages that neither mention the bot, reply to it
 * nor start with !ask.
 */
export function toMessage(event: MatrixEventLike, room: MatrixRoomFacts, bot: MatrixBotIdentity, download: DownloadMatrixMedia): IncomingChatMessage | null {
  const content = event.content ?? {};
  if (event.type !== 'm.room.message' || !event.sender || event.sender === bot.userId) return null;
  if ((content['m.relates_to'] as { rel_type?: string } | undefined)?.rel_type === 'm.replace') return null;
  const body = typeof content.body === 'string' ? content.body : '';
  // `!sources` and the other commands are for the bot in any room, like `!ask`.
  const bareCommand = content.msgtype === 'm.text' ? readCommand(body) : null;
  const addressed = room.isDirect || room.repliedToSender === bot.userId || mentionsBot(content, body, bot) || startsWithAsk(body) || bareCommand !== null;
  if (!addressed) return null;
  const base = { platform: 'matrix' as const, chatId: room.roomId, chatTitle: room.name, isDirect: room.isDirect, sender: { id: event.sender, displayName: room.senderDisplayName } };
  if (content.msgtype === 'm.text') {
    const question = cleanQuestion(body, bot);
    const command = readCommand(question);
    if (command && command.command !== 'ask') return { ...base, text: command.args, command: command.command };
    return { ...base, text: command ? command.args : question };
  }
  if (content.msgtype === 'm.file' || content.msgtype === 'm.image') {
    const attachment = attachmentOf(content, body, download);
    if (!attachment) return null;
    // Since Matrix 1.10 a file's body is its caption when a separate filename is given.
    const caption = typeof content.filename === 'string' && content.filename !== body ? cleanQuestion(body, bot) : '';
    return { ...base, text: caption, attachment };
  }
  return null;
}

function attachmentOf(content: Record<string, unknown>, body: string, download: DownloadMatrixMedia): ChatAttachment | null {
  // Encrypted files carry `file` (with keys) instead of `url`; the bot has no keys to read them.
  const url = content.url;
  if (typeof url !== 'string' || !url.startsWith('mxc://')) return null;
  const info = content.info as { size?: unknown } | undefined;
  const filename = typeof content.filename === 'string' ? content.filename : body || 'file';
  return { filename, sizeBytes: typeof info?.size === 'number' ? info.size : undefined, download: () => download(url) };
}
