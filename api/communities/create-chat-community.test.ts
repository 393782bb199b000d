import { describe, expect, it } from 'vitest';
import { chatSlug } from './create-chat-community.ts';

describe('chatSlug', () => {
  it('keeps a readable start of the chat id and ends with the hash that makes it unique', () => {
    expect(chatSlug('telegram', '-100123', 'abcd1234')).toBe('telegram-100123-abcd1234');
    expect(chatSlug('matrix', '!RoomLocalpartXyz:matrix.example.org', 'abcd1234')).toBe('matrix-roomlocalpartxyz-matrix-abcd1234');
    expect(chatSlug('discord', '!!!', 'abcd1234')).toBe('discord-abcd1234');
  });

  it('stays a valid slug of at most 63 characters with the longest hash', () => {
    const slug = chatSlug('telegram', 'x'.repeat(200), 'f'.repeat(32));
    expect(slug.length).toBeLessThanOrEqual(63);
    expect(slug).toMatch(/^[a-z0-9][a-z0-9-]{0,62}$/);
    expect(slug.endsWith('f'.repeat(32))).toBe(true);
  });
});
