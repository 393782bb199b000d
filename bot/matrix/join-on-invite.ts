import { RoomEvent, type MatrixClient } from 'matrix-js-sdk';
import type { Logger } from '#api/logging/create-logger.ts';

/**
 * Joins every room the bot is invited to (also invitations that arrived while it was offline): being
 * invited is how people add the bot to a room or start a direct chat with it.
 */
export function joinOnInvite(client: MatrixClient, logger: Logger): void {
  client.on(RoomEvent.MyMembership, (room, membership) => {
    if (membership !== 'invite') return;
    logger.info({ platform: 'matrix', chatId: room.roomId }, 'invited to a matrix room; joining');
    client.joinRoom(room.roomId).catch((error: unknown) => logger.warn({ err: error, chatId: room.roomId }, 'could not join the matrix room'));
  });
}
