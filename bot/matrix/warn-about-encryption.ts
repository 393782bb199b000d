import { Method, MsgType, type MatrixClient, type Room } from 'matrix-js-sdk';
import type { Logger } from '#api/logging/create-logger.ts';

export const ENCRYPTION_NOTICE =
  'This room is end-to-end encrypted, and I cannot read encrypted messages yet. Please ask me in a room without encryption, or in a direct chat with encryption turned off.';

/**
 * The bot runs without end-to-end encryption (keys would need a persistent crypto store). Instead of
 * ignoring people silently, it says so once per room per run and logs it. The notice is necessarily
 * unencrypted; the SDK refuses that in an encrypted room, so it goes straight to the send endpoint.
 */
export function createEncryptionWarner(client: MatrixClient, logger: Logger) {
  const warned = new Set<string>();
  return function warnAboutEncryption(room: Room): void {
    if (warned.has(room.roomId)) return;
    warned.add(room.roomId);
    logger.warn({ platform: 'matrix', chatId: room.roomId }, 'encrypted matrix room: the bot cannot read it and said so once');
    const path = `/rooms/${encodeURIComponent(room.roomId)}/send/m.room.message/${encodeURIComponent(client.makeTxnId())}`;
    client.http
      .authedRequest(Method.Put, path, undefined, { msgtype: MsgType.Notice, body: ENCRYPTION_NOTICE, 'm.mentions': {} })
      .catch((error: unknown) => logger.warn({ err: error, chatId: room.roomId }, 'could not post the encryption notice'));
  };
}
