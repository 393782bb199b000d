import type { ChatReply } from '#api/chat/chat-message.ts';

/** A cited answer as the core returns it, for adapter tests that need no database. */
export function sampleAnswer(text: string, citationCount = 1): ChatReply {
  return {
    kind: 'answer',
    answer: {
      answer: text,
      answered: true,
      provider: 'ollama',
      citations: Array.from({ length: citationCount }, (_, i) => ({
        documentId: `00000000-0000-4000-8000-00000000000${i}`,
        filename: `guide-${i + 1}.pdf`,
        title: i === 0 ? 'Flood guide' : null,
        section: i === 0 ? 'Before a flood' : null,
        pages: i === 0 ? [3, 4] : [],
        snippet: 'Store water',
        score: 0.9,
      })),
      timings: { totalMs: 5 },
      questionId: null,
    },
  };
}
