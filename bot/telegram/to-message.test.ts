import type { Message } from 'grammy/types';
import { describe, expect, it, vi } from 'vitest';
import { toMessage, type DownloadTelegramFile } from './to-message.ts';

const bot = { id: 777, username: 'Hub_Bot' };
const alice = { id: 42, is_bot: false, first_name: 'Alice', last_name: 'Ng' };
const group = { id: -100, type: 'supergroup', title: 'Neighbours' };
const noDownload: DownloadTelegramFile = () => Promise.reject(new Error('not expected'));

/** Plain objects shaped like Bot API messages; only the fields a test needs. */
function message(fields: Record<string, unknown>): Message {
  return { message_id: 1, date: 1, chat: { id: 42, type: 'private', first_name: 'Alice' }, from: alice, ...fields } as unknown as Message;
}
const map = (fields: Record<string, unknown>, download: DownloadTelegramFile = noDownload) => toMessage(message(fields), bot, download);

describe('telegram toMessage', () => {
  it('maps a private text message', () => {
    expect(map({ text: 'Where is the shelter?' })).toEqual({
      platform: 'telegram',
      chatId: '42',
      chatTitle: undefined,
      isDirect: true,
      sender: { id: '42', displayName: 'Alice Ng' },
      text: 'Where is the shelter?',
      attachment: undefined,
    });
  });

  it('never answers bots, so two bots cannot talk in circles', () => {
    expect(map({ text: 'hi', from: { id: 5, is_bot: true, first_name: 'Other' } })).toBeNull();
  });

  it('treats an anonymous group admin as the group itself', () => {
    const anonymous = map({ chat: group, from: { id: 1087968824, is_bot: true, first_name: 'Group' }, sender_chat: group, text: '/ask hi', entities: [{ type: 'bot_command', offset: 0, length: 4 }] });
    expect(anonymous?.sender).toEqual({ id: '-100', displayName: 'Neighbours' });
  });

  it('ignores group messages that do not address the bot', () => {
    expect(map({ chat: group, text: 'the river is rising' })).toBeNull();
    expect(map({ chat: group, text: 'ask @someone_else', entities: [{ type: 'mention', offset: 4, length: 13 }] })).toBeNull();
  });

  it('answers a group mention (any letter case) without the mention in the question', () => {
    const mapped = map({ chat: group, text: 'hey @hub_bot: is tap water safe?', entities: [{ type: 'mention', offset: 4, length: 8 }] });
    expect(mapped).toMatchObject({ isDirect: false, chatId: '-100', chatTitle: 'Neighbours', text: 'hey is tap water safe?' });
    const leading = map({ chat: group, text: '@Hub_Bot, is tap water safe?', entities: [{ type: 'mention', offset: 0, length: 8 }] });
    expect(leading?.text).toBe('is tap water safe?');
  });

  it('answers a text_mention of the bot and a reply to one of its messages', () => {
    expect(map({ chat: group, text: 'Hub what now', entities: [{ type: 'text_mention', offset: 0, length: 3, user: { id: 777 } }] })?.text).toBe('what now');
    expect(map({ chat: group, text: 'and pets?', reply_to_message: { message_id: 9, from: { id: 777, is_bot: true } } })?.text).toBe('and pets?');
  });

  it('reads /ask and its @bot form, and leaves other bots and unknown commands alone', () => {
    const command = (text: string, length: number) => map({ chat: group, text, entities: [{ type: 'bot_command', offset: 0, length }] });
    expect(command('/ask where are sandbags?', 4)?.text).toBe('where are sandbags?');
    expect(command('/ask@hub_bot where are sandbags?', 12)?.text).toBe('where are sandbags?');
    expect(command('/ask@other_bot where?', 14)).toBeNull();
    expect(command('/weather', 8)).toBeNull();
  });

  it('passes our commands on as commands, with their arguments as the text', () => {
    expect(map({ text: '/start payload', entities: [{ type: 'bot_command', offset: 0, length: 6 }] })).toMatchObject({ command: 'start', text: 'payload' });
    expect(map({ chat: group, text: '/help@hub_bot', entities: [{ type: 'bot_command', offset: 0, length: 13 }] })).toMatchObject({ command: 'help', text: '' });
    expect(map({ chat: group, text: '/sources 2', entities: [{ type: 'bot_command', offset: 0, length: 8 }] })).toMatchObject({ command: 'sources', text: '2' });
    expect(map({ chat: group, text: '/unsubscribe@hub_bot', entities: [{ type: 'bot_command', offset: 0, length: 20 }] })).toMatchObject({ command: 'unsubscribe' });
    expect(map({ chat: group, text: '/ask where?', entities: [{ type: 'bot_command', offset: 0, length: 4 }] })?.command).toBeUndefined();
  });

  it('turns a document into an attachment whose download fetches that file', async () => {
    const download = vi.fn(async () => new Uint8Array([1, 2]));
    const mapped = map({ caption: 'Flood map', document: { file_id: 'F1', file_unique_id: 'U1', file_name: 'map.pdf', file_size: 2 } }, download);
    expect(mapped).toMatchObject({ text: 'Flood map', attachment: { filename: 'map.pdf', sizeBytes: 2 } });
    expect(await mapped!.attachment!.download()).toEqual(new Uint8Array([1, 2]));
    expect(download).toHaveBeenCalledWith('F1');
  });

  it('names a document that has no filename, and takes the largest size of a photo', async () => {
    expect(map({ document: { file_id: 'F2', file_unique_id: 'U2' } })?.attachment?.filename).toBe('document-U2');
    const download = vi.fn(async () => new Uint8Array());
    const photo = map({ photo: [{ file_id: 'small', file_unique_id: 'S', file_size: 10 }, { file_id: 'big', file_unique_id: 'B', file_size: 900 }] }, download);
    expect(photo).toMatchObject({ text: '', attachment: { filename: 'photo-B.jpg', sizeBytes: 900 } });
    await photo!.attachment!.download();
    expect(download).toHaveBeenCalledWith('big');
  });

  it('only takes attachments in groups when the caption addresses the bot', () => {
    const document = { file_id: 'F3', file_unique_id: 'U3', file_name: 'a.pdf' };
    expect(map({ chat: group, document })).toBeNull();
    expect(map({ chat: group, document, caption: '@hub_bot for the archive', caption_entities: [{ type: 'mention', offset: 0, length: 8 }] })?.text).toBe('for the archive');
  });

  it('ignores what it cannot read: stickers, voice notes, service messages', () => {
    expect(map({ sticker: { file_id: 'S' } })).toBeNull();
    expect(map({ voice: { file_id: 'V' } })).toBeNull();
    expect(map({ new_chat_members: [alice] })).toBeNull();
  });
});
