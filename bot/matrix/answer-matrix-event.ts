import { MsgType, type MatrixClient, type MatrixEvent, type Room } from 'matrix-js-sdk';
import type { Logger } from '#api/logging/create-logger.ts';
import { answerChatMessage } from '../shared/answer-chat-message.ts';
import type { HandleChatMessage } from '../shared/chat-adapter.ts';
import type { TaskTracker } from '../shared/track-tasks.ts';
import { formatMatrixMessages } from './format-matrix-html.ts';
import { toMessage, type DownloadMatrixMedia, type MatrixBotIdentity, type MatrixRoomFacts } from './to-message.ts';

/** Matrix shows "typing…" until this runs out or it is cleared. */
const TYPING_TIMEOUT_MS = 30_000;
const TYPING_REPEAT_MS = 25_000;

export interface MatrixEventDeps {
  client: MatrixClient;
  bot: MatrixBotIdentity;
  handle: HandleChatMessage;
  logger: Logger;
  download: DownloadMatrixMedia;
  tasks: TaskTracker;
  /** Called for messages the bot cannot decrypt (see warn-about-encryption.ts). */
  onEncrypted(room: Room): void;
}

/** Timeline listener: answers new room messages addressed to the bot. */
export function answerMatrixEvent(event: MatrixEvent, room: Room, deps: MatrixEventDeps): void {
  if (event.getSender() === deps.bot.userId || isFromBeforeTheBotJoined(room, deps.bot)) return;
  if (event.getWireType() === 'm.room.encrypted') return deps.onEncrypted(room);
  const facts = roomFacts(event, room);
  const incoming = toMessage(event.event, facts, deps.bot, deps.download);
  if (!incoming) return;
  const { client } = deps;
  const logger = deps.logger.child({ platform: 'matrix', chatId: room.roomId, eventId: event.getId() });
  deps.tasks.run(() =>
    answerChatMessage(incoming, {
      handle: deps.handle,
      logger,
      typing: {
        show: () => client.sendTyping(room.roomId, true, TYPING_TIMEOUT_MS),
        clear: () => client.sendTyping(room.roomId, false, 0),
        repeatEveryMs: TYPING_REPEAT_MS,
      },
      render: { howToAskInGroups: `mention me (${deps.bot.userId}), reply to one of my messages, or start with !ask` },
      async send(blocks) {
        let first = true;
        for (const text of formatMatrixMessages(blocks)) {
          await client.sendMessage(room.roomId, {
            // m.notice: the convention for bots, so other bots do not answer and loop with this one.
            msgtype: MsgType.Notice,
            ...text,
            format: 'org.matrix.custom.html',
            // No one is pinged by names or @room inside an answer.
            'm.mentions': {},
            ...(first && !incoming.isDirect ? { 'm.relates_to': { 'm.in_reply_to': { event_id: event.getId()! } } } : {}),
          });
          first = false;
        }
      },
    }),
  );
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
