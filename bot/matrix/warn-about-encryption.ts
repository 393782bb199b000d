import { Method, MsgType, type MatrixClient, type Room } from 'matrix-js-sdk';
import type { RoomMessageEventContent } from 'matrix-js-sdk/lib/@types/events.js';
import type { Logger } from '#api/logging/create-logger.ts';

export const ENCRYPTION_NOTICE =
  'This room is end-to-end encrypted, and encryption is turned off for me (MATRIX_ENCRYPTION=false). Please ask me in a room without encryption, or ask the hub operator to turn it on.';
export const UNDECRYPTABLE_NOTICE =
  'I could not decrypt a message in this room: it was encrypted before I had the keys for it. Please send it again; new messages reach me.';

/**
 * Says once per room per run that the bot could not read a message, and logs it, instead of ignoring
 * people silently: without encryption support (the notice then goes out unencrypted, straight to the
 * send endpoint, because the SDK refuses that in an encrypted room), or when a message could not be
 * decrypted (sent encrypted with the SDK).
 */
export function createEncryptionWarner(client: MatrixClient, logger: Logger, canDecrypt = false) {
  const warned = new Set<string>();
  return function warnAboutEncryption(room: Room): void {
    if (warned.has(room.roomId)) return;
    warned.add(room.roomId);
    logger.warn({ platform: 'matrix', chatId: room.roomId }, canDecrypt ? 'encrypted matrix message could not be decrypted; said so once' : 'encrypted matrix room: the bot cannot read it and said so once');
    const content = { msgtype: MsgType.Notice, body: canDecrypt ? UNDECRYPTABLE_NOTICE : ENCRYPTION_NOTICE, 'm.mentions': {} };
    const sent = canDecrypt
      ? client.sendMessage(room.roomId, content as unknown as RoomMessageEventContent)
      : client.http.authedRequest(Method.Put, `/rooms/${encodeURIComponent(room.roomId)}/send/m.room.message/${encodeURIComponent(client.makeTxnId())}`, undefined, content);
    sent.catch((error: unknown) => logger.warn({ err: error, chatId: room.roomId }, 'could not post the encryption notice'));
  };
}
