import { readFile } from 'node:fs/promises';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { HubCore } from '../core/hub-core.ts';
import { answerWebQuestion, streamWebQuestion } from '../web/answer-web-question.ts';
import { uploadFromWeb } from '../web/upload-from-web.ts';
import { admitWebMember, readCookies } from '../web/web-access.ts';
import { answerView } from './ask-routes.ts';
import { errorResponses } from './error-view.ts';
import { readMultipartUpload } from './read-multipart-upload.ts';
import { writeServerSentEvents } from './write-server-sent-events.ts';

const itemParams = z.object({ id: z.uuid('the item id must be a UUID (the page makes one per queued item)') });

const questionBody = z.object({
  question: z.string().trim().min(1, 'ask a question').max(2000, 'keep questions under 2000 characters'),
  community: z.string().trim().min(1).optional(),
});

/** POST /api/ask's answer plus where to open each cited file; fields added to answers later pass through. */
const webCitationView = answerView.shape.citations.element.extend({ original: z.object({ url: z.string(), fileType: z.string() }).nullable() }).loose();
const webAnswerView = answerView.extend({ citations: z.array(webCitationView), repeated: z.boolean().optional() }).loose();

const uploadReceipt = z.object({
  id: z.string(),
  documentId: z.string(),
  filename: z.string(),
  status: z.string(),
  duplicate: z.boolean(),
  repeated: z.boolean().optional(),
});

/**
 * The members' page sends every question and upload with an id it made when it queued the item, by
 * PUT: sending the same id again (after a lost connection, from a second tab) never answers or stores
 * twice; it returns the first result.
 */
export const webAskRoutes: FastifyPluginAsyncZod<{ core: HubCore }> = async (app, { core }) => {
  app.put('/questions/:id', {
    schema: {
      summary: 'Ask from the members\' page, once per item id',
      description:
        'Like POST /api/ask (send `Accept: text/event-stream` for the stream), logged with channel `web`. A repeat of the id returns the first answer with `repeated: true`; 409 while the first send is still being answered. Citations carry `original` (where to open the file) or null.',
      params: itemParams,
      body: questionBody,
      response: { 200: webAnswerView, ...errorResponses(400, 401, 403, 404, 409, 503) },
    },
  }, async (request, reply) => {
    const community = await admitWebMember(core.db, request.body.community, readCookies(request.headers.cookie));
    const question = { id: request.params.id, question: request.body.question, community };
    if (request.headers.accept?.includes('text/event-stream')) {
      await writeServerSentEvents(reply, streamWebQuestion(core, question));
      return reply;
    }
    return (await answerWebQuestion(core, question)) as z.infer<typeof webAnswerView>;
  });

  app.put('/uploads/:id', {
    schema: {
      summary: 'Send a document from the members\' page, once per item id',
      description: 'multipart/form-data with `file` and optional `community`. The upload waits for a moderator, like a chat upload from a member.',
      consumes: ['multipart/form-data'],
      params: itemParams,
      response: { 201: uploadReceipt, 200: uploadReceipt, ...errorResponses(400, 401, 403, 404, 409, 413, 415, 422, 503) },
    },
  }, async (request, reply) => {
    const upload = await readMultipartUpload(request, core.files, core.config.UPLOAD_MAX_BYTES);
    let receipt;
    try {
      const community = await admitWebMember(core.db, upload.fields.community || undefined, readCookies(request.headers.cookie));
      const bytes = await readFile(upload.staged.path);
      receipt = await uploadFromWeb(core, { id: request.params.id, bytes, staged: upload.staged, filename: upload.filename, community });
    } finally {
      // Not kept (refused, repeated, or the same bytes were already there): gone before the answer.
      await upload.staged.discard();
    }
    return reply.status(receipt.duplicate || receipt.repeated ? 200 : 201).send(receipt);
  });
};
