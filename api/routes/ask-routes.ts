import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { findCommunity } from '../communities/ensure-community.ts';
import type { HubCore } from '../core/hub-core.ts';
import { withoutNul } from '../errors/nul-bytes.ts';
import { perClientRateLimit } from '../http/per-client-rate-limit.ts';
import { answerQuestion } from '../rag/answer-question.ts';
import { streamAnswer } from '../rag/stream-answer.ts';
import { errorResponses } from './error-view.ts';
import { writeServerSentEvents } from './write-server-sent-events.ts';

const askBody = z.object({
  question: z.string().trim().min(1, 'ask a question').max(2000, 'keep questions under 2000 characters').refine(...withoutNul('the question')),
  community: z.string().trim().min(1).refine(...withoutNul('community')).optional(),
});

const citationView = z.object({
  documentId: z.uuid(),
  filename: z.string(),
  title: z.string().nullable(),
  section: z.string().nullable(),
  pages: z.array(z.number()),
  snippet: z.string(),
  score: z.number(),
});

export const answerView = z.object({
  answer: z.string(),
  answered: z.boolean(),
  provider: z.string(),
  citations: z.array(citationView),
  /** Absolute relevance of the best passage, 0-1 (below the hub's threshold: not covered, answered false). */
  relevance: z.number().optional(),
  timings: z.record(z.string(), z.number()),
  questionId: z.string().nullable(),
});

/** POST /api/ask: a cited answer as JSON, or as server-sent events when the client accepts text/event-stream. */
export const askRoutes: FastifyPluginAsyncZod<{ core: HubCore }> = async (app, { core }) => {
  app.post('/ask', {
    config: { rateLimit: perClientRateLimit(core.config.ASK_RATE_LIMIT_PER_MINUTE, 'questions') },
    schema: {
      summary: 'Ask a question; the answer cites the community documents it comes from',
      description: 'Send `Accept: text/event-stream` to receive `token` events while the answer is written, then one `done` event with the full result.',
      body: askBody,
      response: { 200: answerView, ...errorResponses(400, 401, 403, 429, 503) },
    },
  }, async (request, reply) => {
    const community = request.body.community ? await findCommunity(core.db, request.body.community) : null;
    const input = { question: request.body.question, communityId: community?.id ?? null, channel: 'api' as const };
    if (request.headers.accept?.includes('text/event-stream')) {
      await writeServerSentEvents(reply, streamAnswer(core.rag, input));
      return reply;
    }
    return answerQuestion(core.rag, input);
  });
};
