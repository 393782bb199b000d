import { describe, expect, it, vi } from 'vitest';
import { toMessage, type DiscordMessageLike, type DownloadDiscordAttachment } from './to-message.ts';

const botId = '900';
const noDownload: DownloadDiscordAttachment = () => Promise.reject(new Error('not expected'));

/** A plain object shaped like a discord.js Message; Maps stand in for Collections. */
function message(fields: Partial<DiscordMessageLike> & { mentioned?: string[] } = {}): DiscordMessageLike {
  const { mentioned = [], ...rest } = fields;
  return {
    content: '',
    channelId: '700',
    guildId: '800',
    guild: { name: 'Riverside' },
    channel: { id: '700', name: 'general' },
    system: false,
    author: { id: '600', bot: false, username: 'alice', globalName: 'Alice' },
    member: null,
    mentions: { users: new Map(mentioned.map((id) => [id, {}])), roles: new Map(), repliedUser: null },
    attachments: new Map(),
    ...rest,
  };
}
const map = (fields: Parameters<typeof message>[0], download = noDownload) => toMessage(message(fields), botId, download);

describe('discord toMessage', () => {
  it('maps a direct message (no guild) whatever it says', () => {
    expect(map({ guildId: null, guild: null, channel: { id: '710' }, channelId: '710', content: 'Where is the shelter?' })).toEqual({
      platform: 'discord',
      chatId: '710',
      chatTitle: undefined,
      isDirect: true,
      sender: { id: '600', displayName: 'Alice' },
      text: 'Where is the shelter?',
      attachment: undefined,
    });
  });

  it('ignores server messages that do not mention the bot or reply to it', () => {
    expect(map({ content: 'the river is high' })).toBeNull();
    expect(map({ content: '<@601> look', mentioned: ['601'] })).toBeNull();
  });

  it('answers a mention, without the mention (old <@!id> form too), titled by server and channel', () => {
    expect(map({ content: '<@900> is tap water safe?', mentioned: [botId] })).toMatchObject({ isDirect: false, chatId: '700', chatTitle: 'Riverside #general', text: 'is tap water safe?' });
    expect(map({ content: 'hey <@!900>, now?', mentioned: [botId] })?.text).toBe('hey now?');
  });

  it('answers a reply to one of its messages', () => {
    expect(map({ content: 'and pets?', mentions: { users: new Map(), roles: new Map(), repliedUser: { id: botId } } })?.text).toBe('and pets?');
  });

  it('answers a mention of its own integration role, but not of other roles', () => {
    const roles = new Map([['850', { id: '850', tags: { botId } }], ['851', { id: '851', tags: null }]]);
    expect(map({ content: '<@&850> where is the shelter?', mentions: { users: new Map(), roles, repliedUser: null } })?.text).toBe('where is the shelter?');
    expect(map({ content: '<@&851> wardens, meet at 5', mentions: { users: new Map(), roles: new Map([['851', { id: '851', tags: null }]]), repliedUser: null } })).toBeNull();
  });

  it('prefers the server nickname, then the global name, then the username', () => {
    expect(map({ content: '<@900> hi', mentioned: [botId], member: { displayName: 'Ali (warden)' } })?.sender.displayName).toBe('Ali (warden)');
    expect(map({ guildId: null, content: 'hi', author: { id: '1', bot: false, username: 'bob', globalName: null } })?.sender.displayName).toBe('bob');
  });

  it('never answers bots (itself included) or system messages', () => {
    expect(map({ guildId: null, content: 'hi', author: { id: botId, bot: true, username: 'hub', globalName: null } })).toBeNull();
    expect(map({ guildId: null, content: 'joined', system: true })).toBeNull();
  });

  it('takes the first attachment, downloading from its URL only when asked', async () => {
    const download = vi.fn<DownloadDiscordAttachment>(async () => new Uint8Array([7]));
    const attachments = new Map([
      ['1', { name: 'plan.pdf', size: 1, url: 'https://cdn.example/plan.pdf' }],
      ['2', { name: 'other.pdf', size: 2, url: 'https://cdn.example/other.pdf' }],
    ]);
    const mapped = map({ content: '<@900>', mentioned: [botId], attachments }, download);
    expect(mapped).toMatchObject({ text: '', attachment: { filename: 'plan.pdf', sizeBytes: 1 } });
    expect(download).not.toHaveBeenCalled();
    expect(await mapped!.attachment!.download()).toEqual(new Uint8Array([7]));
    expect(download).toHaveBeenCalledWith('https://cdn.example/plan.pdf');
  });

  it('passes a bare mention on as an empty question (the core answers with help), and ignores empty messages', () => {
    expect(map({ content: '<@900>', mentioned: [botId] })?.text).toBe('');
    expect(map({ guildId: null, content: '' })).toBeNull();
  });

  it('reads a command written after the mention, or in a direct message, like the slash command', () => {
    expect(map({ content: '<@900> /sources 2', mentioned: [botId] })).toMatchObject({ command: 'sources', text: '2' });
    expect(map({ guildId: null, content: '!status' })).toMatchObject({ command: 'status', text: '' });
    expect(map({ guildId: null, content: '/ask where is the shelter?' })).toMatchObject({ text: 'where is the shelter?' });
    expect(map({ guildId: null, content: '/ask where?' })?.command).toBeUndefined();
  });
});
