import { describe, expect, it } from 'vitest';
import { joinBlocks, layoutMessages, packBlocks } from './pack-blocks.ts';
import type { ReplyBlock } from './render-reply.ts';

const text = (value: string): ReplyBlock => ({ style: 'text', text: value });
const plain = (block: ReplyBlock) => block.text;

describe('packBlocks and layoutMessages', () => {
  it('puts blocks that fit together into one message, a heading right above its list', () => {
    const blocks: ReplyBlock[] = [text('Answer.'), { style: 'heading', text: 'Sources' }, { style: 'list', text: '1. Guide' }];
    expect(layoutMessages(blocks, 100, plain)).toEqual(['Answer.\n\nSources\n1. Guide']);
  });

  it('starts a new message when the next block would not fit', () => {
    expect(packBlocks([text('a'.repeat(60)), text('b'.repeat(60))], 100, (b) => b.text.length)).toEqual([[text('a'.repeat(60))], [text('b'.repeat(60))]]);
  });

  it('cuts a block that is too long alone into pieces of the same style', () => {
    const groups = packBlocks([{ style: 'list', text: Array.from({ length: 30 }, (_, i) => `${i + 1}. Guide number ${i + 1}`).join('\n') }], 100, (b) => b.text.length);
    expect(groups.length).toBeGreaterThan(3);
    expect(groups.flat().every((block) => block.style === 'list' && block.text.length <= 100)).toBe(true);
  });

  it('measures the formatted size, so text that grows when escaped still fits', () => {
    const escape = (block: ReplyBlock) => block.text.replaceAll('&', '&amp;');
    const messages = layoutMessages([text('salt & water & sugar '.repeat(40))], 120, escape);
    expect(messages.every((message) => message.length <= 120)).toBe(true);
    expect(messages.join(' ').replaceAll('&amp;', '&').replace(/\s+/g, ' ')).toBe('salt & water & sugar '.repeat(40).trim());
  });

  it('joins with a blank line between paragraphs', () => {
    expect(joinBlocks([text('a'), text('b')], plain)).toBe('a\n\nb');
  });
});
