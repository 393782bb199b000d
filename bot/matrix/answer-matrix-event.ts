import { EventType, MsgType, RelationType, type MatrixClient, type MatrixEvent, type Room } from 'matrix-js-sdk';
import type { RoomMessageEventContent } from 'matrix-js-sdk/lib/@types/events.js';
import type { Logger } from '#api/logging/create-logger.ts';
import { answerChatMessage } from '../shared/answer-chat-message.ts';
import type { HandleChatMessage, HandleFeedback } from '../shared/chat-adapter.ts';
import { THUMBS_DOWN, THUMBS_UP } from '../shared/feedback-token.ts';
import type { SendQueue } from '../shared/send-queue.ts';
import type { TaskTracker } from '../shared/track-tasks.ts';
import { formatMatrixMessages } from './format-matrix-html.ts';
import { QUESTION_ID_FIELD, recordMatrixReaction } from './record-matrix-reaction.ts';
import { toMessage, type DownloadMatrixMedia, type MatrixBotIdentity, type MatrixRoomFacts } from './to-message.ts';

/** Matrix shows "typing…" until this runs out or it is cleared. */
const TYPING_TIMEOUT_MS = 30_000;
const TYPING_REPEAT_MS = 25_000;
/** Room members with this power level moderate the room (Element's "Moderator"). */
const MODERATOR_POWER_LEVEL = 50;

export interface MatrixEventDeps {
  client: MatrixClient;
  bot: MatrixBotIdentity;
  handle: HandleChatMessage;
  vote?: HandleFeedback;
  logger: Logger;
  download: DownloadMatrixMedia;
  tasks: TaskTracker;
  queue: SendQueue;
  /** Whether the client can decrypt (rust crypto is running). */
  canDecrypt: boolean;
  /** Called for messages the bot cannot decrypt (see warn-about-encryption.ts). */
  onEncrypted(room: Room): void;
  /** Lines for /status about encryption. */
  statusNotes: string[];
}

/** Timeline listener: answers new room messages addressed to the bot, records reactions to its answers. */
export function answerMatrixEvent(event: MatrixEvent, room: Room, deps: MatrixEventDeps): void {
  if (event.getSender() === deps.bot.userId || isFromBeforeTheBotJoined(room, deps.bot)) return;
  if (event.getWireType() === EventType.RoomMessageEncrypted && !deps.canDecrypt) return deps.onEncrypted(room);
  deps.tasks.run(async () => {
    if (event.isEncrypted()) await deps.client.decryptEventIfNeeded(event);
    if (event.isDecryptionFailure()) {
      deps.logger.warn({ chatId: room.roomId, eventId: event.getId(), reason: event.decryptionFailureReason }, 'could not decrypt a matrix message');
      return deps.onEncrypted(room);
    }
    if (event.getType() === EventType.Reaction) {
      if (deps.vote) await recordMatrixReaction(event, room, { client: deps.client, botUserId: deps.bot.userId, vote: deps.vote, logger: deps.logger });
      return;
    }
    await answerMessage(event, room, deps);
  });
}

async function answerMessage(event: MatrixEvent, room: Room, deps: MatrixEventDeps): Promise<void> {
  const facts = roomFacts(event, room);
  // Decrypted events: the clear type and content, as the sender wrote them.
  const mapped = toMessage({ type: event.getType(), sender: event.getSender(), content: event.getContent() }, facts, deps.bot, deps.download);
  if (!mapped) return;
  const sender = event.getSender()!;
  const incoming = { ...mapped, isChatAdmin: async () => (room.getMember(sender)?.powerLevel ?? 0) >= MODERATOR_POWER_LEVEL };
  const { client } = deps;
  const logger = deps.logger.child({ platform: 'matrix', chatId: room.roomId, eventId: event.getId() });
  await answerChatMessage(incoming, {
    handle: deps.handle,
    logger,
    typing: {
      show: () => client.sendTyping(room.roomId, true, TYPING_TIMEOUT_MS),
      clear: () => client.sendTyping(room.roomId, false, 0),
      repeatEveryMs: TYPING_REPEAT_MS,
    },
    render: { howToAskInGroups: `mention me (${deps.bot.userId}), reply to one of my messages, or start with !ask`, commandPrefix: '!', statusNotes: deps.statusNotes },
    async send(blocks, extras) {
      const messages = formatMatrixMessages(blocks);
      for (const [index, text] of messages.entries()) {
        const feedbackFor = index === messages.length - 1 && deps.vote ? extras.feedbackFor : undefined;
        const content = {
          // m.notice: the convention for bots, so other bots do not answer and loop with this one.
          msgtype: MsgType.Notice,
          ...text,
          format: 'org.matrix.custom.html',
          // No one is pinged by names or @room inside an answer.
          'm.mentions': {},
          ...(index === 0 && !incoming.isDirect ? { 'm.relates_to': { 'm.in_reply_to': { event_id: event.getId()! } } } : {}),
          ...(feedbackFor ? { [QUESTION_ID_FIELD]: feedbackFor } : {}),
        };
        const sent = await deps.queue.run(room.roomId, !incoming.isDirect, () => client.sendMessage(room.roomId, content as unknown as RoomMessageEventContent));
        if (feedbackFor) await offerFeedback(client, deps.queue, room.roomId, sent.event_id, !incoming.isDirect);
      }
    },
  });
}

/** The bot's own 👍 and 👎 under an answer: one click for people to add theirs. */
async function offerFeedback(client: MatrixClient, queue: SendQueue, roomId: string, eventId: string, isGroup: boolean): Promise<void> {
  for (const key of [THUMBS_UP, THUMBS_DOWN]) {
    await queue.run(roomId, isGroup, () => client.sendEvent(roomId, EventType.Reaction, { 'm.relates_to': { rel_type: RelationType.Annotation, event_id: eventId, key } }));
  }
}

function roomFacts(event: MatrixEvent, room: Room): MatrixRoomFacts {
  const isDirect = room.getJoinedMemberCount() <= 2;
  const repliedTo = event.replyEventId ? room.findEventById(event.replyEventId) : undefined;
  return {
    roomId: room.roomId,
    name: isDirect ? undefined : room.name,
    isDirect,
    repliedToSender: repliedTo?.getSender(),
    senderDisplayName: room.getMember(event.getSender() ?? '')?.name,
  };
}

/**
 * A room joined while running arrives in one sync with its recent history; those messages were not
 * meant for the bot. During that sync the room still counts as "invited", and the bot's member state
 * turns to "join" exactly at its own join event: only what follows it is new. No clocks are compared.
 */
function isFromBeforeTheBotJoined(room: Room, bot: MatrixBotIdentity): boolean {
  return room.getMyMembership() !== 'join' && room.getMember(bot.userId)?.membership !== 'join';
}
