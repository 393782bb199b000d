import { readFile } from 'node:fs/promises';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { HubCore } from '../core/hub-core.ts';
import { findCommunity } from '../communities/ensure-community.ts';
import { documentStatuses, processingModes } from '../db/schema/index.ts';
import { findDocument, listDocuments } from '../documents/document-repository.ts';
import { approveDocument, rejectDocument, reprocessDocument } from '../documents/moderate-document.ts';
import { uploadDocument } from '../documents/upload-document.ts';
import { notFound } from '../errors/app-error.ts';
import { withoutNul } from '../errors/nul-bytes.ts';
import { documentSummaryView, documentView, toDocumentSummaryView, toDocumentView } from './document-view.ts';
import { errorResponses } from './error-view.ts';
import { readMultipartUpload } from './read-multipart-upload.ts';

const idParams = z.object({ id: z.string().min(1) });

/** Upload, list, read and moderate documents under /api/documents. */
export const documentsRoutes: FastifyPluginAsyncZod<{ core: HubCore }> = async (app, { core }) => {
  app.post('/documents', {
    schema: {
      summary: 'Upload a document',
      description: 'multipart/form-data with a `file` field and optional `community` (slug) and `title` fields.',
      consumes: ['multipart/form-data'],
      response: { 201: documentView, 200: documentView, ...errorResponses(400, 401, 403, 413, 415, 429, 503) },
    },
  }, async (request, reply) => {
    const upload = await readMultipartUpload(request, core.files, core.config.UPLOAD_MAX_BYTES);
    let result;
    try {
      // Intake reads the file once, from disk; the stored copy is the staged file itself (a rename).
      result = await uploadDocument(core, {
        bytes: await readFile(upload.staged.path),
        staged: upload.staged,
        filename: upload.filename,
        community: upload.fields.community || null,
        title: upload.fields.title || null,
        uploader: { via: 'api', role: 'trusted', label: 'api' },
      });
    } finally {
      // Not kept (refused, or the same bytes were already there): gone before the answer.
      await upload.staged.discard();
    }
    return reply.status(result.duplicate ? 200 : 201).send(toDocumentView(result.document));
  });

  app.get('/documents', {
    schema: {
      summary: 'List documents, newest first',
      querystring: z.object({
        status: z.enum(documentStatuses).optional(),
        community: z.string().refine(...withoutNul('community')).optional(),
        limit: z.coerce.number().int().min(1).max(200).default(50),
        offset: z.coerce.number().int().min(0).default(0),
      }),
      response: { 200: z.object({ documents: z.array(documentSummaryView), total: z.number() }), ...errorResponses(400, 401) },
    },
  }, async (request) => {
    const { status, community, limit, offset } = request.query;
    const communityId = community ? (await findCommunity(core.db, community))?.id : undefined;
    if (community && !communityId) return { documents: [], total: 0 };
    const { rows, total } = await listDocuments(core.db, { status, communityId, limit, offset });
    return { documents: rows.map(toDocumentSummaryView), total };
  });

  app.get('/documents/:id', {
    schema: { summary: 'Read one document with its content and sections', params: idParams, response: { 200: documentView, ...errorResponses(401, 404) } },
  }, async (request) => {
    const row = await findDocument(core.db, request.params.id);
    if (!row) throw notFound(`No document with id ${request.params.id}.`);
    return toDocumentView(row);
  });

  app.post('/documents/:id/approve', {
    schema: { summary: 'Approve an upload waiting for review', params: idParams, response: { 200: documentView, ...errorResponses(401, 403, 404, 409) } },
  }, async (request) => toDocumentView(await approveDocument(core, request.params.id, 'api')));

  app.post('/documents/:id/reject', {
    schema: {
      summary: 'Reject an upload',
      params: idParams,
      body: z.object({ reason: z.string().max(500).refine(...withoutNul('reason')).default('') }).default({ reason: '' }),
      response: { 200: documentView, ...errorResponses(400, 401, 403, 404) },
    },
  }, async (request) => toDocumentView(await rejectDocument(core, request.params.id, 'api', request.body.reason)));

  app.post('/documents/:id/reprocess', {
    schema: {
      summary: 'Process a document again, optionally in another mode',
      params: idParams,
      body: z.object({ mode: z.enum(processingModes).optional() }).default({}),
      response: { 200: documentView, ...errorResponses(401, 403, 404, 409) },
    },
  }, async (request) => toDocumentView(await reprocessDocument(core, request.params.id, request.body.mode)));
};
