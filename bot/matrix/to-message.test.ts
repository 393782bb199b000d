import { describe, expect, it, vi } from 'vitest';
import { toMessage, type DownloadMatrixMedia, type MatrixEventLike, type MatrixRoomFacts } from './to-message.ts';

const bot = { userId: '@hub:example.org', displayName: 'Hub' };
const dm: MatrixRoomFacts = { roomId: '!dm:example.org', isDirect: true, senderDisplayName: 'Alice' };
const group: MatrixRoomFacts = { roomId: '!g:example.org', name: 'Riverside', isDirect: false };
const noDownload: DownloadMatrixMedia = () => Promise.reject(new Error('not expected'));
const event = (content: Record<string, unknown>, fields: Partial<MatrixEventLike> = {}): MatrixEventLike => ({ type: 'm.room.message', sender: '@alice:example.org', content, ...fields });
const text = (body: string, extra: object = {}) => event({ msgtype: 'm.text', body, ...extra });
const map = (e: MatrixEventLike, room = dm, download = noDownload) => toMessage(e, room, bot, download);

describe('matrix toMessage', () => {
  it('maps a direct text message', () => {
    expect(map(text('Where is the shelter?'))).toEqual({
      platform: 'matrix',
      chatId: '!dm:example.org',
      chatTitle: undefined,
      isDirect: true,
      sender: { id: '@alice:example.org', displayName: 'Alice' },
      text: 'Where is the shelter?',
    });
  });

  it('ignores its own messages, notices (other bots), emotes, edits and non-message events', () => {
    expect(map(text('hi', {}), dm)).not.toBeNull();
    expect(map(event({ msgtype: 'm.text', body: 'hi' }, { sender: bot.userId }))).toBeNull();
    expect(map(event({ msgtype: 'm.notice', body: 'beep' }))).toBeNull();
    expect(map(event({ msgtype: 'm.emote', body: 'waves' }))).toBeNull();
    expect(map(text('* fixed', { 'm.relates_to': { rel_type: 'm.replace', event_id: '$1' } }))).toBeNull();
    expect(map(event({ membership: 'join' }, { type: 'm.room.member' }))).toBeNull();
  });

  it('in a group room, answers only m.mentions, pills, the user id, replies to the bot or !ask', () => {
    expect(map(text('lunch?'), group)).toBeNull();
    expect(map(text('Hub: is the bridge open?', { 'm.mentions': { user_ids: [bot.userId] } }), group)).toMatchObject({ chatTitle: 'Riverside', isDirect: false, text: 'is the bridge open?' });
    expect(map(text('Hub: open?', { formatted_body: '<a href="https://matrix.to/#/@hub:example.org">Hub</a>: open?' }), group)?.text).toBe('open?');
    expect(map(text('@hub:example.org open?'), group)?.text).toBe('open?');
    expect(map(text('!ask where is the shelter?'), group)?.text).toBe('where is the shelter?');
    expect(map(text('and pets?'), { ...group, repliedToSender: bot.userId })?.text).toBe('and pets?');
  });

  it('drops the quoted message older clients put in front of a reply', () => {
    expect(map(text('> <@hub:example.org> Boil water.\n> Twice.\n\nfor how long?'))?.text).toBe('for how long?');
  });

  it('turns m.file and m.image into attachments fetched by their mxc URL', async () => {
    const download = vi.fn<DownloadMatrixMedia>(async () => new Uint8Array([1]));
    const file = map(event({ msgtype: 'm.file', body: 'plan.pdf', url: 'mxc://example.org/abc', info: { size: 1234 } }), dm, download);
    expect(file).toMatchObject({ text: '', attachment: { filename: 'plan.pdf', sizeBytes: 1234 } });
    await file!.attachment!.download();
    expect(download).toHaveBeenCalledWith('mxc://example.org/abc');
    const image = map(event({ msgtype: 'm.image', body: 'Notice board', filename: 'board.jpg', url: 'mxc://example.org/img' }), dm, download);
    expect(image).toMatchObject({ text: 'Notice board', attachment: { filename: 'board.jpg', sizeBytes: undefined } });
  });

  it('skips encrypted attachments (no url) and audio or video', () => {
    expect(map(event({ msgtype: 'm.file', body: 'secret.pdf', file: { url: 'mxc://example.org/enc' } }))).toBeNull();
    expect(map(event({ msgtype: 'm.audio', body: 'voice.ogg', url: 'mxc://example.org/a' }))).toBeNull();
  });

  it('takes a file in a group room only when its caption mentions the bot', () => {
    const file = { msgtype: 'm.file', url: 'mxc://example.org/abc', filename: 'plan.pdf' };
    expect(map(event({ ...file, body: 'plan.pdf' }), group)).toBeNull();
    expect(map(event({ ...file, body: 'for the archive', 'm.mentions': { user_ids: [bot.userId] } }), group)?.text).toBe('for the archive');
  });

  it('answers !commands and /commands in any room, with their arguments as the text', () => {
    expect(map(text('!sources 2'), group)).toMatchObject({ command: 'sources', text: '2', isDirect: false });
    expect(map(text('/status'), dm)).toMatchObject({ command: 'status', text: '' });
    expect(map(text('Hub: !unsubscribe', { 'm.mentions': { user_ids: [bot.userId] } }), group)).toMatchObject({ command: 'unsubscribe' });
    expect(map(text('!weather'), group)).toBeNull();
  });
});
