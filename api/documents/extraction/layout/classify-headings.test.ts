import { describe, expect, it } from 'vitest';
import type { DocumentBlock } from '../structure/document-block.ts';
import { linesToBlocks } from './lines-to-blocks.ts';
import type { PageBox, TextLine } from './text-line.ts';

/** Lines stacked top-down from y = 60, each `gap` points below the previous one; 10 pt body text unless told. */
function stack(specs: Array<[string, Partial<TextLine>?]>, page = 1, gap = 14): TextLine[] {
  let y = 60;
  return specs.map(([text, options = {}]) => {
    const fontSize = options.fontSize ?? 10;
    const line: TextLine = { text, x0: 72, x1: 72 + text.length * fontSize * 0.5, y0: y, y1: y + fontSize, fontSize, bold: false, page, ...options };
    y += fontSize + gap;
    return line;
  });
}

const pages = (count: number): PageBox[] => Array.from({ length: count }, (_, index) => ({ page: index + 1, width: 612, height: 792 }));
const headings = (blocks: DocumentBlock[]) => blocks.flatMap((block) => (block.type === 'heading' ? [`${block.level} ${block.text}`] : []));
const paragraph = 'Every household should keep drinking water and food for at least three days after a storm.';
const bold = { bold: true };

describe('heading recovery', () => {
  it('does not take sentences, lead-ins, bullet points, captions or web addresses for headings, however bold', () => {
    const blocks = linesToBlocks(stack([
      ['Evacuation Routes', bold], [paragraph],
      ['Know your area’s type of flood risk.', bold], [paragraph],
      ['Secure your home:', bold], [paragraph],
      ['• Direction and Control', bold], [paragraph],
      ['Figure 3-1 Sign-up form for alerts', bold], [paragraph],
      ['ibm.com/redbooks', bold], [paragraph],
    ], 1, 20), pages(1));
    expect(headings(blocks)).toEqual(['1 Evacuation Routes']);
  });

  it('keeps a bold lead-in with the paragraph it runs into on the next line', () => {
    const blocks = linesToBlocks(stack([
      ['Sign up for your community’s', bold],
      ['warning system. The Emergency Alert System also provides alerts.', { startsBold: true }],
    ], 1, 3), pages(1));
    expect(blocks).toEqual([{ type: 'paragraph', text: 'Sign up for your community’s warning system. The Emergency Alert System also provides alerts.', page: 1 }]);
  });

  it('does not take a bold lead-in for a heading when its sentence goes on below in regular type', () => {
    const blocks = linesToBlocks(stack([
      ['If your vehicle is trapped in rapidly', { bold: true, font: 'bold' }],
      ['moving water, stay inside. If water is rising inside the vehicle, get on the roof.', { font: 'regular' }],
    ], 1, 3), pages(1));
    expect(headings(blocks)).toEqual([]);
  });

  it('joins a title broken after a function word over two sizes into one heading', () => {
    const blocks = linesToBlocks(stack([['BE PREPARED FOR A', { fontSize: 24, bold: true }], ['FLOOD', { fontSize: 48, bold: true }], [paragraph]], 1, 4), pages(1));
    expect(headings(blocks)).toEqual(['1 BE PREPARED FOR A FLOOD']);
  });

  it('drops the labels of a diagram: three same-size candidates with no paragraph between them', () => {
    const blocks = linesToBlocks([
      ...stack([['STEP 1', { fontSize: 14, bold: true }], ['Establish a Planning Team', { fontSize: 14 }], ['STEP 2', { fontSize: 14, bold: true }], ['Analyze Capabilities and Hazards', { fontSize: 14 }]], 1, 20),
      ...stack([[paragraph], ['Form the Team', { fontSize: 14, bold: true }], [paragraph], [paragraph]], 2),
    ], pages(2));
    expect(headings(blocks)).toEqual(['1 Form the Team']);
  });

  it('gives every display size of a cover level 1 and the chapters after it level 2', () => {
    const chapter = (title: string, page: number) => stack([[title, { fontSize: 16, bold: true }], [paragraph], [paragraph]], page);
    const blocks = linesToBlocks([
      ...stack([['Emergency Management Guide', { fontSize: 40, bold: true }], ['A Step-by-Step Approach', { fontSize: 22 }], ['FEMA 141', { fontSize: 18 }]], 1, 40),
      ...chapter('Form the Team', 2),
      ...chapter('Write the Plan', 3),
    ], pages(3));
    expect(headings(blocks)).toEqual(['1 Emergency Management Guide', '1 A Step-by-Step Approach', '1 FEMA 141', '2 Form the Team', '2 Write the Plan']);
  });

  it('keeps only the first of a title that a template repeats on every page', () => {
    const slide = (title: string, page: number) => stack([['Tsunami Preparedness', { fontSize: 24, bold: true }], [title, { fontSize: 18, bold: true }], [paragraph]], page);
    const blocks = linesToBlocks([...slide('Tsunamis', 1), ...slide('Know Your Risk', 2), ...slide('Prepare for a Tsunami', 3)], pages(3));
    expect(headings(blocks)).toEqual(['1 Tsunami Preparedness', '2 Tsunamis', '2 Know Your Risk', '2 Prepare for a Tsunami']);
  });

  it('takes a line in a face of its own for a heading when it is only slightly larger than body text', () => {
    const body = { font: 'serif-light' };
    const blocks = linesToBlocks(stack([
      ['(1) Amendment of the Infectious Disease Act', { fontSize: 10.8, font: 'sans-medium' }],
      [paragraph, body], [paragraph, body],
      ['A slightly larger line in the body face', { fontSize: 10.8, ...body }],
      [paragraph, body], [paragraph, body],
    ]), pages(1));
    expect(headings(blocks)).toEqual(['1 (1) Amendment of the Infectious Disease Act']);
  });
});
