import { describe, expect, it } from 'vitest';
import type { ChatReply } from '#api/chat/chat-message.ts';
import { EXTRACTIVE_LABEL } from '#api/rag/llm/extractive-answer.ts';
import { sampleAnswer } from '#test/fakes/chat/sample-replies.ts';
import { renderReply } from './render-reply.ts';

const options = { howToAskInGroups: 'mention @hub_bot' };
const render = (reply: ChatReply) => renderReply(reply, options);

function answerWith(fields: Partial<Extract<ChatReply, { kind: 'answer' }>['answer']>): ChatReply {
  const base = sampleAnswer('', 0) as Extract<ChatReply, { kind: 'answer' }>;
  return { kind: 'answer', answer: { ...base.answer, ...fields } };
}

describe('renderReply', () => {
  it('renders an answer with numbered sources in citation order: title or filename, section, pages', () => {
    expect(render(sampleAnswer('Store water [1], and rotate it [2].', 2))).toEqual([
      { style: 'text', text: 'Store water [1], and rotate it [2].' },
      { style: 'heading', text: 'Sources' },
      { style: 'list', text: '1. Flood guide — Before a flood, pp. 3–4\n2. guide-2.pdf' },
    ]);
  });

  it('falls back to the filename when a title is blank', () => {
    const reply = answerWith({ answer: 'x', citations: [{ documentId: 'd', filename: 'scan.pdf', title: '  ', section: null, pages: [7], snippet: '', score: 1 }] });
    expect(render(reply)?.at(-1)?.text).toBe('1. scan.pdf, p. 7');
  });

  it('lifts the core\'s extractive label out of the text into a note, so it cannot be missed', () => {
    const reply = answerWith({ provider: 'extractive', answer: `${EXTRACTIVE_LABEL}\n\n[1] Flood guide\n> Boil water.` });
    expect(render(reply)?.slice(0, 2)).toEqual([
      { style: 'note', text: EXTRACTIVE_LABEL },
      { style: 'label', text: '[1] Flood guide' },
    ]);
    expect(render(reply)?.[2]).toEqual({ style: 'quote', text: 'Boil water.' });
  });

  it('labels an extractive answer even when the text carries no label', () => {
    expect(render(answerWith({ provider: 'extractive', answer: 'quotes' }))?.[0]).toEqual({ style: 'note', text: EXTRACTIVE_LABEL });
  });

  it('shows a "nothing found" answer without a sources heading', () => {
    expect(render(answerWith({ provider: 'none', answered: false, answer: 'The documents do not cover this.' }))).toEqual([{ style: 'text', text: 'The documents do not cover this.' }]);
  });

  it('tells uploaders whether a moderator will review their file or it is being processed', () => {
    const receipt = (status: 'pending_review' | 'queued' | 'ready' | 'rejected' | 'failed', duplicate: boolean) =>
      render({ kind: 'upload-received', document: { id: 'd', filename: 'plan.pdf', status }, duplicate })?.[0]?.text;
    expect(receipt('pending_review', false)).toBe('Received plan.pdf. A moderator will review it before I use it in answers. I will tell you here when they decide.');
    expect(receipt('queued', false)).toBe('Received plan.pdf. It is being processed; you can ask about it in a few minutes.');
    expect(receipt('ready', true)).toBe('plan.pdf is already in the hub; nothing more to do.');
    expect(receipt('rejected', true)).toContain('a moderator decided not to use it');
    expect(receipt('failed', true)).toContain('could not read it');
    expect(receipt('pending_review', true)).toContain('still waiting for a moderator');
  });

  it('explains how to ask (with the platform\'s group hint) and how to send documents', () => {
    const text = render({ kind: 'help', communityName: 'Riverside neighbours' })!.map((block) => block.text).join('\n');
    expect(text).toContain('the documents of Riverside neighbours');
    expect(text).not.toMatch(/telegram-\d/);
    expect(text).toContain('In a group, mention @hub_bot.');
    expect(text).toContain('Send a PDF');
    expect(text).toContain('wait for a moderator');
  });

  it('passes problems through as text and stays silent for "none"', () => {
    expect(render({ kind: 'problem', text: 'plan.pdf is larger than the 50 MB limit.' })).toEqual([{ style: 'text', text: 'plan.pdf is larger than the 50 MB limit.' }]);
    expect(render({ kind: 'none' })).toBeNull();
  });
});
