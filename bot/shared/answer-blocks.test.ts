import { describe, expect, it } from 'vitest';
import { answerBlocks } from './answer-blocks.ts';
import { packBlocks } from './pack-blocks.ts';
import type { ReplyBlock } from './reply-block.ts';
import { tableAsText } from './table-text.ts';

describe('answerBlocks', () => {
  it('turns quoted passages into a label kept with its quote, and table rows into a table', () => {
    const extractive = '[1] Water guide — p. 2\n> Boil water for one minute.\n> | Water | Bleach |\n> |---|---|\n> | 1 gallon | 8 drops |\n\n[2] Flood plan\n> Move to higher ground.';
    expect(answerBlocks(extractive)).toEqual([
      { style: 'label', text: '[1] Water guide — p. 2' },
      { style: 'quote', text: 'Boil water for one minute.' },
      { style: 'table', text: '| Water | Bleach |\n| 1 gallon | 8 drops |' },
      { style: 'label', text: '[2] Flood plan' },
      { style: 'quote', text: 'Move to higher ground.' },
    ]);
  });

  it('keeps a written answer as text paragraphs, citations included', () => {
    expect(answerBlocks('Store water [1].\n\nRotate it [2].')).toEqual([
      { style: 'text', text: 'Store water [1].' },
      { style: 'text', text: 'Rotate it [2].' },
    ]);
  });
});

describe('tableAsText', () => {
  it('aligns a narrow table in columns for a monospace block', () => {
    expect(tableAsText('| Water | Bleach |\n| 1 gallon | 8 drops |')).toEqual({ monospace: true, text: 'Water    | Bleach \n---------+--------\n1 gallon | 8 drops'.replace('Bleach ', 'Bleach') });
  });

  it('writes a wide table one row per line, each value with its column', () => {
    const wide = '| Amount of water to disinfect | Household bleach (6%) | Waiting time |\n| 1 quart / 1 liter | 2 drops | 30 minutes |';
    expect(tableAsText(wide)).toEqual({ monospace: false, text: 'Amount of water to disinfect: 1 quart / 1 liter · Household bleach (6%): 2 drops · Waiting time: 30 minutes' });
  });
});

describe('packBlocks keeps introductions with what they introduce', () => {
  const size = (block: ReplyBlock) => block.text.length;
  it('never ends a message with a heading or a source label', () => {
    const blocks: ReplyBlock[] = [{ style: 'text', text: 'a'.repeat(80) }, { style: 'label', text: '[1] Guide' }, { style: 'quote', text: 'q'.repeat(50) }];
    expect(packBlocks(blocks, 100, size)).toEqual([[blocks[0]], [blocks[1], blocks[2]]]);
  });

  it('cuts a table too long for one message between rows, repeating its header', () => {
    const table: ReplyBlock = { style: 'table', text: ['| A | B |', ...Array.from({ length: 10 }, (_, i) => `| row ${i} | value ${i} |`)].join('\n') };
    const pieces = packBlocks([table], 60, size).flat();
    expect(pieces.length).toBeGreaterThan(2);
    expect(pieces.every((piece) => piece.style === 'table' && piece.text.startsWith('| A | B |\n') && piece.text.length <= 60)).toBe(true);
    expect(pieces.flatMap((piece) => piece.text.split('\n').slice(1))).toEqual(table.text.split('\n').slice(1));
  });
});
