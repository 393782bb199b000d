import { GrammyError, type Api } from 'grammy';
import { AppError, ErrorCode } from '#api/errors/app-error.ts';
import { fetchBytes } from '../shared/fetch-bytes.ts';

/**
 * Use to fetch a file someone sent the bot: getFile, then GET `<apiRoot>/file/bot<token>/<path>`
 * (plain fetch, so a local Bot API server over http works too). The public Bot API refuses files over
 * 20 MB; that becomes a message the sender can act on.
 */
export function createTelegramFileDownloader(api: Api, connection: { token: string; apiRoot: string; maxFileBytes?: number }) {
  return async function downloadTelegramFile(fileId: string): Promise<Uint8Array> {
    const file = await api.getFile(fileId).catch((error: unknown) => {
      if (error instanceof GrammyError && /too big/i.test(error.description)) {
        throw new AppError(ErrorCode.payloadTooLarge, 'Telegram lets bots download files of up to 20 MB only. Please send a smaller file, or ask a moderator to add this one directly.', { cause: error });
      }
      throw error;
    });
    if (!file.file_path) throw new Error(`Telegram returned no file_path for file ${fileId}`);
    const url = `${connection.apiRoot}/file/bot${connection.token}/${file.file_path}`;
    // The URL holds the bot token: errors name the file id instead.
    return fetchBytes(url, { maxBytes: connection.maxFileBytes, label: `Telegram file ${fileId}` });
  };
}
